namespace LatentWorkbench.LatentFields;

/// <summary>
/// How <see cref="AttractorKindClassifier"/> tells fixed points, periodic orbits, unresolved motion and divergence
/// apart. The recurrence tolerance and the step limit are the latent-field paper's stopping rule (1e-6, 3000 steps);
/// the merge radius is <see cref="AttractorOptions.Radius"/>'s; the rest are workbench choices explained per option.
/// </summary>
public sealed record AttractorKindOptions
{
    /// <summary>
    /// A trajectory recurs with period p when ||z_t - z_{t-p}||^2 falls below this (p = 1 is the paper's stopping rule
    /// ||f(z_{t+1}) - f(z_t)||^2 &lt; 1e-6). Must be positive.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Most evaluations of f per start (paper: 3000). A start still moving then is unresolved.</summary>
    public int MaxIterations { get; init; } = 3000;

    /// <summary>
    /// Longest period looked for (at least 1; 1 finds fixed points only). Periods up to 16 are checked against the last
    /// 16 iterates on every step; longer ones by returns to anchor points reset every 32, 64, ... steps (Brent's cycle
    /// detection), then recorded and confirmed over the following cycles, so a long cycle needs about 4 periods of steps
    /// after its trajectory reaches it (MNIST MLP autoencoders have cycles of several hundred steps).
    /// </summary>
    public int MaxPeriod { get; init; } = 1000;

    /// <summary>
    /// Full cycles the recurrence must hold, on consecutive steps, before a period p ≥ 2 is accepted (p × this many steps).
    /// One cycle is the fixed-point rule's analogue. From two on, a trajectory is also required to be settling: its
    /// recurrence distance must not have grown over the last cycle (above float32 resolution), which keeps a path that
    /// lingers near an unstable cycle (it leaves by |multiplier| per period) from being taken for one. Fixed points keep
    /// the paper's one-step rule.
    /// </summary>
    public int ConfirmCycles { get; init; } = 2;

    /// <summary>
    /// Merge radius in latent units (Euclidean, as <see cref="AttractorOptions.Radius"/>): fixed points closer than this
    /// are one attractor; two cycles of one period are one orbit when every point of each lies within it of the other's
    /// points (the same set, found from any phase); a candidate cycle whose points all lie within it of each other is a
    /// fixed point approached in an oscillation, and iteration goes on.
    /// </summary>
    public double Radius { get; init; } = 0.1;

    /// <summary>A trajectory with a non-finite coordinate or a norm above this has diverged (trained autoencoders' latents lie far inside).</summary>
    public double DivergenceNorm { get; init; } = 1e6;

    /// <summary>
    /// Steps over which the largest Lyapunov exponent of unresolved trajectories is averaged: a tangent vector is carried
    /// along the last <see cref="LyapunovWarmup"/> + LyapunovSteps steps before the step limit (f(z + h v) - f(z)) / h,
    /// renormalised every step) and the mean log growth over the last LyapunovSteps is the exponent. The tangent costs one
    /// extra evaluation of f per still-moving start and step of that window only.
    /// </summary>
    public int LyapunovSteps { get; init; } = 200;

    /// <summary>Steps the tangent vector turns into the most expanding direction before its growth is counted.</summary>
    public int LyapunovWarmup { get; init; } = 50;

    /// <summary>
    /// Exponents within ±this of zero (per step) are neutral: quasi-periodic motion, or convergence slower than e^-band
    /// per step, which a finite window cannot tell apart. Below: slow convergence; above: chaos. Over the 200 counted steps a
    /// neutral direction's finite-time growth still swings by about e^±1 (uneven speed along a closed orbit, transient
    /// growth), which is ±0.005 per step on the orbits of MNIST autoencoders; the default 0.01 stays clear of that.
    /// </summary>
    public double LyapunovZeroBand { get; init; } = 0.01;

    /// <summary>The tangent's finite-difference step h, relative to max(1, |z|_inf) (float32 latents: 1e-3 balances rounding against curvature).</summary>
    public double FiniteDifferenceStep { get; init; } = 1e-3;

    /// <summary>Compute every orbit's Floquet multipliers (eigenvalues of the Jacobian of the p-step map; k Jacobian rows per orbit point).</summary>
    public bool ComputeMultipliers { get; init; } = true;

    /// <summary>
    /// Most memory the iterate history, anchors and tangents may take (<see cref="MemoryBytes"/>; a long cycle being
    /// confirmed adds 4 p k bytes for its start). Default: a quarter of the memory available to the process. More starts
    /// than this allows is an error (classify them in batches).
    /// </summary>
    public long MaxMemoryBytes { get; init; } = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;

    /// <summary>Seed of the tangent vectors' random initial directions.</summary>
    public ulong Seed { get; init; }

    /// <summary>Show a progress bar over iterations.</summary>
    public bool ShowProgress { get; init; }

    /// <summary>Bytes of history, anchors and tangents for <paramref name="starts"/> starts in k = <paramref name="dim"/> dimensions.</summary>
    public long MemoryBytes(long starts, int dim) => 4L * starts * ((long)dim * (RingPeriods + AnchorIntervals().Length + 6) + RingPeriods + 4);

    /// <summary>Periods checked against the ring of recent iterates on every step.</summary>
    internal int RingPeriods => Math.Min(MaxPeriod, 16);

    /// <summary>The anchors' reset intervals: powers of two from 32 to the first at or past MaxPeriod (none when the ring covers MaxPeriod).</summary>
    internal int[] AnchorIntervals()
    {
        var intervals = new List<int>();
        for (long interval = 2L * RingPeriods; MaxPeriod > RingPeriods && interval < 2L * MaxPeriod; interval *= 2)
        {
            intervals.Add((int)Math.Min(interval, int.MaxValue));
            if (interval >= MaxPeriod) break;
        }
        return intervals.ToArray();
    }

    internal void Validate()
    {
        if (!(Tolerance > 0) || double.IsInfinity(Tolerance)) throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "must be a positive finite number");
        if (MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "must be at least 1");
        if (MaxPeriod < 1) throw new ArgumentOutOfRangeException(nameof(MaxPeriod), MaxPeriod, "must be at least 1 (1 looks for fixed points only)");
        if (ConfirmCycles < 1) throw new ArgumentOutOfRangeException(nameof(ConfirmCycles), ConfirmCycles, "must be at least 1");
        if (!(Radius > 0) || double.IsInfinity(Radius)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "must be a positive finite number");
        if (!(DivergenceNorm > 0)) throw new ArgumentOutOfRangeException(nameof(DivergenceNorm), DivergenceNorm, "must be positive");
        if (LyapunovSteps < 1) throw new ArgumentOutOfRangeException(nameof(LyapunovSteps), LyapunovSteps, "must be at least 1");
        if (LyapunovWarmup < 0) throw new ArgumentOutOfRangeException(nameof(LyapunovWarmup), LyapunovWarmup, "must not be negative");
        if (LyapunovWarmup + LyapunovSteps > MaxIterations)
            throw new ArgumentOutOfRangeException(nameof(LyapunovSteps), LyapunovSteps,
                $"LyapunovWarmup + LyapunovSteps = {LyapunovWarmup + LyapunovSteps} must not exceed MaxIterations = {MaxIterations} (the exponent is measured before the step limit)");
        if (!(LyapunovZeroBand >= 0) || double.IsInfinity(LyapunovZeroBand)) throw new ArgumentOutOfRangeException(nameof(LyapunovZeroBand), LyapunovZeroBand, "must be a non-negative finite number");
        if (!(FiniteDifferenceStep > 0) || !(FiniteDifferenceStep < 1)) throw new ArgumentOutOfRangeException(nameof(FiniteDifferenceStep), FiniteDifferenceStep, "must lie in (0, 1)");
        if (MaxMemoryBytes < 1) throw new ArgumentOutOfRangeException(nameof(MaxMemoryBytes), MaxMemoryBytes, "must be positive");
    }
}
