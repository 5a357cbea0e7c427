using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>One minibatch: inputs [batch, ...sample shape], the matching labels and, for paired data, targets.</summary>
/// <param name="Inputs">Float32 inputs, a fresh tensor per batch.</param>
/// <param name="Labels">Class labels [batch], one per row of <paramref name="Inputs"/>; empty for unlabelled data.</param>
public readonly record struct Batch(Tensor Inputs, int[] Labels)
{
    /// <summary>
    /// The rows paired with <see cref="Inputs"/> [batch, ...target shape] for a regression loss (e.g. a Koopman
    /// autoencoder's last-layer states for its first-layer inputs), or null.
    /// </summary>
    public Tensor? Targets { get; init; }
}
