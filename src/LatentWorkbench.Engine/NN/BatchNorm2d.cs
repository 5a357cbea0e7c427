namespace LatentWorkbench.Engine.NN;

/// <summary>Batch normalisation of [N, C, H, W] inputs per channel C (torch.nn.BatchNorm2d).</summary>
public sealed class BatchNorm2d(int numFeatures, float eps = 1e-5f, float? momentum = 0.1f, bool affine = true, bool trackRunningStats = true)
    : BatchNormBase(numFeatures, eps, momentum, affine, trackRunningStats)
{
    /// <inheritdoc/>
    protected override void CheckInput(Tensor input)
    {
        if (input.Rank != 4)
            throw new ArgumentException($"BatchNorm2d: expected 4D input [N, C, H, W], got shape {ShapeMath.Format(input.Dims)}", nameof(input));
    }
}
