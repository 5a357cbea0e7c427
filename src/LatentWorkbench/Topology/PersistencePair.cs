namespace LatentWorkbench.Topology;

/// <summary>A bar of a persistence diagram; <see cref="Death"/> is +infinity for a class alive at the threshold.</summary>
public readonly record struct PersistencePair(double Birth, double Death)
{
    /// <summary>Death - Birth: the bar's length, how long the class survives (+infinity for an open bar).</summary>
    public double Persistence => Death - Birth;
}
