namespace LatentWorkbench.LatentFields;

/// <summary>
/// The controlled experiment on why our memorisation sweep disagrees with the paper: a shared control (the sweep's conv
/// recipe at a small and a large k) and one change per intervention, everything else (seed, data, attractor search)
/// identical. Defaults are the paper-sized sweep (<see cref="MemorizationSweepOptions"/>) on MNIST at k = 2 and 128,
/// the two bottlenecks the paper's finding names.
/// </summary>
public sealed record MemorizationAblationOptions
{
    /// <summary>The control recipe and attractor search (its datasets and k list are not used; <see cref="Dataset"/>, <see cref="SmallK"/> and <see cref="LargeK"/> are).</summary>
    public MemorizationSweepOptions Control { get; init; } = new();

    /// <summary>Dataset of every condition (paper: MNIST for the training-set-size finding).</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>The most regularised bottleneck (paper: memorisation above 0.8 for k = 2..16).</summary>
    public int SmallK { get; init; } = 2;

    /// <summary>The large bottleneck (paper: k = 128 for the training-set-size finding).</summary>
    public int LargeK { get; init; } = 128;

    /// <summary>Training images of the small-set intervention at <see cref="LargeK"/> (the paper shrinks the set; 1,000 here).</summary>
    public int SmallTrainSamples { get; init; } = 1000;

    /// <summary>
    /// Train the small set for as many optimiser steps as the control (epochs scaled by the ratio of the set sizes,
    /// rounded up) so that only the data change; false keeps the control's epochs, which also cuts the steps (at the
    /// quick recipe's 6 epochs, 1,000 images left a k = 128 model worse than the mean image in one of three seeds).
    /// </summary>
    public bool SmallSetEqualSteps { get; init; } = true;

    /// <summary>Epochs of the long-training intervention at <see cref="SmallK"/> and <see cref="LargeK"/> (paper: up to 500; 4x the control's 20 here).</summary>
    public int LongEpochs { get; init; } = 80;

    /// <summary>
    /// The small real run of <c>--quick</c>: the memorisation sweep's quick recipe (d = 16, 6 epochs on 4,000 images) as
    /// the control, 1,000 images for the small set (24 epochs: as many steps as the control) and 24 epochs (4x) for the
    /// long runs.
    /// </summary>
    public static MemorizationAblationOptions Quick(ulong seed = 0) => new()
    {
        Control = MemorizationSweepOptions.Quick(seed) with { PrintTraining = false },
        LongEpochs = 24,
    };

    /// <summary><see cref="Quick"/> or the paper-sized defaults (the control on all 60,000 images, 20 epochs).</summary>
    public static MemorizationAblationOptions For(bool quick, ulong seed) =>
        quick ? Quick(seed) : new MemorizationAblationOptions { Control = new MemorizationSweepOptions { Seed = seed, PrintTraining = false } };

    internal void Validate()
    {
        if (Control is null) throw new ArgumentNullException(nameof(Control), "the control recipe is required");
        Control.Validate();
        if (string.IsNullOrWhiteSpace(Dataset)) throw new ArgumentException("a dataset name is required", nameof(Dataset));
        if (SmallK < 1) throw new ArgumentOutOfRangeException(nameof(SmallK), SmallK, "must be at least 1");
        if (LargeK <= SmallK) throw new ArgumentOutOfRangeException(nameof(LargeK), LargeK, $"must be larger than SmallK = {SmallK}");
        if (SmallTrainSamples < 1) throw new ArgumentOutOfRangeException(nameof(SmallTrainSamples), SmallTrainSamples, "must be at least 1");
        if (Control.TrainSamples is int n && SmallTrainSamples >= n)
            throw new ArgumentOutOfRangeException(nameof(SmallTrainSamples), SmallTrainSamples, $"must be smaller than the control's {n} training images");
        if (LongEpochs <= Control.Epochs)
            throw new ArgumentOutOfRangeException(nameof(LongEpochs), LongEpochs, $"must be more than the control's {Control.Epochs} epochs");
    }
}
