namespace LatentWorkbench.LatentFields;

/// <summary>How forward iteration z_{t+1} = f(z_t) runs and stops. Defaults are the paper's for small models.</summary>
public sealed record TrajectoryOptions
{
    /// <summary>Stop a start when ||f(z_{t+1}) - f(z_t)||^2 falls below this (paper: 1e-6; foundation models 1e-5).</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Most evaluations of f per start (paper: 3000; foundation models 500).</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>Record the whole path of every start in <see cref="TrajectoryResult.Paths"/> (memory: n * steps * k floats).</summary>
    public bool RecordPaths { get; init; }

    /// <summary>Record paths of only these start indices, each in 0..n-1 (ignored when <see cref="RecordPaths"/> is true).</summary>
    public IReadOnlyList<int>? RecordIndices { get; init; }

    /// <summary>Show a progress bar over iterations.</summary>
    public bool ShowProgress { get; init; }

    internal void Validate()
    {
        if (!(Tolerance > 0) || double.IsInfinity(Tolerance)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be a positive finite number");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "must be at least 1");
    }
}
