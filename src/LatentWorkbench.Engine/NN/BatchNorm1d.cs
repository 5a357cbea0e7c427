namespace LatentWorkbench.Engine.NN;

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs per channel C (torch.nn.BatchNorm1d).</summary>
public sealed class BatchNorm1d(int numFeatures, float eps = 1e-5f, float? momentum = 0.1f, bool affine = true, bool trackRunningStats = true)
    : BatchNormBase(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <inheritdoc/>
    protected override void CheckInput(Tensor input)
    {
        if (input.Rank != 2 && input.Rank != 3)
            throw new ArgumentException($"BatchNorm1d: expected 2D or 3D input [N, C(, L)], got shape {ShapeMath.Format(input.Dims)}", nameof(input));
    }
}
