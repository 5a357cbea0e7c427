namespace LatentWorkbench.LatentFields;

/// <summary>
/// End points of forward iteration from n starts in a k-dimensional latent space. Starts that hit the iteration
/// limit keep their last point and are listed in <see cref="NotConverged"/>; none is dropped.
/// </summary>
/// <param name="Dim">The dimension k.</param>
/// <param name="Starts">The starting points, row-major [n * k].</param>
/// <param name="Endpoints">The last point of each trajectory [n * k]: its fixed point when it converged.</param>
/// <param name="Steps">Evaluations of f per start [n].</param>
/// <param name="Converged">Whether each start met the tolerance [n].</param>
/// <param name="Paths">The recorded paths by start index, each [(Steps[i] + 1) * k]: the start, then every iterate (empty unless asked for).</param>
/// <param name="PointSteps">Evaluations of f over all starts.</param>
/// <param name="Seconds">Wall time of the run.</param>
public sealed record TrajectoryResult(int Dim, float[] Starts, float[] Endpoints, int[] Steps, bool[] Converged,
    IReadOnlyDictionary<int, float[]> Paths, long PointSteps, double Seconds)
{
    /// <summary>Number of starts n.</summary>
    public int Count => Steps.Length;

    /// <summary>Indices of starts that did not meet the tolerance within the iteration limit, ascending.</summary>
    public int[] NotConverged => Enumerable.Range(0, Count).Where(i => !Converged[i]).ToArray();

    /// <summary>Fraction of starts that converged.</summary>
    public double ConvergedFraction => Count == 0 ? 0 : Converged.Count(c => c) / (double)Count;

    /// <summary>Mean number of f evaluations over converged starts (NaN if none converged).</summary>
    public double MeanSteps
    {
        get
        {
            long sum = 0; int n = 0;
            for (int i = 0; i < Count; i++) if (Converged[i]) { sum += Steps[i]; n++; }
            return n == 0 ? double.NaN : sum / (double)n;
        }
    }

    /// <summary>Evaluations of f per second over the whole run.</summary>
    public double PointStepsPerSecond => PointSteps / Math.Max(Seconds, 1e-9);

    /// <summary>The end point [k] of start <paramref name="i"/>.</summary>
    public ReadOnlySpan<float> Endpoint(int i) => Endpoints.AsSpan(i * Dim, Dim);
}
