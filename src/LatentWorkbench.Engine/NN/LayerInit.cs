namespace LatentWorkbench.Engine.NN;

/// <summary>Initialisation steps shared by the PyTorch-default layer constructors.</summary>
internal static class LayerInit
{
    /// <summary>A bias drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in taken from <paramref name="weight"/>, as PyTorch does.</summary>
    public static void FanInBias(Tensor bias, Tensor weight, Generator? generator)
    {
        var (fanIn, _) = Init.CalculateFanInAndFanOut(weight);
        double bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0.0;
        Init.Uniform(bias, -bound, bound, generator);
    }
}
