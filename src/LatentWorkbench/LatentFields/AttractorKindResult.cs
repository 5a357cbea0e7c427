using System.Numerics;
using LatentWorkbench.Engine;

namespace LatentWorkbench.LatentFields;

/// <summary>Where a trajectory of an iterated map ends.</summary>
public enum AttractorKind
{
    /// <summary>It stopped moving: ||z_{t+1} - z_t||^2 below the tolerance (the paper's stopping rule).</summary>
    FixedPoint,

    /// <summary>It returns to its state every p ≥ 2 steps: a periodic orbit (cycle) of period p.</summary>
    PeriodicOrbit,

    /// <summary>Still moving at the step limit; its Lyapunov exponent says how (<see cref="UnresolvedMotion"/>).</summary>
    Unresolved,

    /// <summary>A coordinate became NaN or infinite, or the norm passed the divergence bound.</summary>
    Diverged,
}

/// <summary>What an unresolved trajectory does, by the sign of its largest Lyapunov exponent λ.</summary>
public enum UnresolvedMotion
{
    /// <summary>Not unresolved (the trajectory ended at a fixed point or cycle, or diverged).</summary>
    None,

    /// <summary>λ below minus the band: nearby paths converge, the trajectory approaches an attractor too slowly for the step limit.</summary>
    SlowConvergence,

    /// <summary>|λ| within the band: neutral motion, as on an invariant circle or torus (or convergence slower than e^-band per step).</summary>
    QuasiPeriodic,

    /// <summary>λ above the band: nearby paths separate exponentially, as on a chaotic attractor.</summary>
    Chaotic,
}

/// <summary>
/// One attractor of period p: a fixed point (p = 1) or a cycle z_0 -> z_1 -> ... -> z_{p-1} -> z_0, its points in
/// the order f visits them (starting from the lexicographically smallest), its Floquet multipliers (eigenvalues of the
/// Jacobian of f^p at z_0, the product of the Jacobians along the cycle; sorted by decreasing modulus, empty when not
/// computed) and how many starts ended on it.
/// </summary>
/// <param name="Period">The period p (1 for a fixed point).</param>
/// <param name="Points">The orbit's points [p, k], in the order f visits them.</param>
/// <param name="Multipliers">The Floquet multipliers [k] by decreasing modulus; empty when not computed.</param>
/// <param name="BasinSize">How many starts ended on this orbit.</param>
public sealed record Orbit(int Period, Tensor Points, Complex[] Multipliers, int BasinSize)
{
    /// <summary>Largest |multiplier| (NaN when not computed): below 1 the orbit attracts its neighbourhood.</summary>
    public double MaxMultiplier => Multipliers.Length == 0 ? double.NaN : Multipliers[0].Magnitude;

    /// <summary>Every multiplier lies strictly inside the unit circle.</summary>
    public bool IsStable => MaxMultiplier < 1;

    /// <summary>The cycle's points as row-major floats [p * k].</summary>
    internal float[] Flat => Points.ToArray();
}

/// <summary>
/// Where each of n trajectories of an iterated map ended: its kind, the orbit it ended on (its basin; -1 for unresolved
/// and diverged starts), the distinct orbits (fixed points and cycles, deduplicated as sets of points), and for
/// unresolved starts the largest Lyapunov exponent along the end of the path.
/// </summary>
/// <param name="Dim">The dimension k.</param>
/// <param name="Starts">The starting points [n, k].</param>
/// <param name="Endpoints">The last point of each trajectory [n, k] (NaN rows can occur for diverged starts).</param>
/// <param name="Kinds">The kind of each start [n].</param>
/// <param name="Basins">Index into <paramref name="Orbits"/> of the orbit each start ended on [n]; -1 for unresolved and diverged starts.</param>
/// <param name="Orbits">The distinct orbits by period, then by basin size (largest first).</param>
/// <param name="Steps">Evaluations of f until each start was classified [n] (the step limit for unresolved starts).</param>
/// <param name="LyapunovExponents">Largest Lyapunov exponent per step (natural log) of each unresolved start [n]; NaN for the others.</param>
/// <param name="Motions">The motion of each unresolved start [n] (<see cref="UnresolvedMotion.None"/> for the others).</param>
/// <param name="PointSteps">Evaluations of f in all, the tangent's included.</param>
/// <param name="Seconds">Wall time of the classification.</param>
/// <param name="Options">The options it ran with.</param>
public sealed record AttractorKindResult(int Dim, Tensor Starts, Tensor Endpoints, AttractorKind[] Kinds, int[] Basins, IReadOnlyList<Orbit> Orbits,
    int[] Steps, double[] LyapunovExponents, UnresolvedMotion[] Motions, long PointSteps, double Seconds, AttractorKindOptions Options)
{
    /// <summary>Number of starts n.</summary>
    public int Count => Kinds.Length;

    /// <summary>Starts that ended at a fixed point.</summary>
    public int FixedCount => CountOf(AttractorKind.FixedPoint);

    /// <summary>Starts that ended on a cycle of period ≥ 2.</summary>
    public int PeriodicCount => CountOf(AttractorKind.PeriodicOrbit);

    /// <summary>Starts still moving at the step limit.</summary>
    public int UnresolvedCount => CountOf(AttractorKind.Unresolved);

    /// <summary>Starts that diverged.</summary>
    public int DivergedCount => CountOf(AttractorKind.Diverged);

    /// <summary>Starts of one kind.</summary>
    public int CountOf(AttractorKind kind) => Kinds.Count(k => k == kind);

    /// <summary>Unresolved starts of one motion.</summary>
    public int CountOf(UnresolvedMotion motion) => motion == UnresolvedMotion.None ? Count - UnresolvedCount : Motions.Count(m => m == motion);

    /// <summary>The indices of the starts of one kind.</summary>
    public int[] StartsOf(AttractorKind kind) => Enumerable.Range(0, Count).Where(i => Kinds[i] == kind).ToArray();

    /// <summary>The distinct fixed points (period-1 orbits).</summary>
    public IReadOnlyList<Orbit> FixedPoints => Orbits.Where(o => o.Period == 1).ToArray();

    /// <summary>The distinct cycles (period ≥ 2).</summary>
    public IReadOnlyList<Orbit> Cycles => Orbits.Where(o => o.Period > 1).ToArray();

    /// <summary>Distinct cycles per period (periods with none left out).</summary>
    public IReadOnlyDictionary<int, int> CyclesByPeriod =>
        Cycles.GroupBy(o => o.Period).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Starts that ended on a cycle, per period.</summary>
    public IReadOnlyDictionary<int, int> StartsByPeriod =>
        Cycles.GroupBy(o => o.Period).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Sum(o => o.BasinSize));

    /// <summary>Mean Lyapunov exponent over the unresolved starts of one motion (NaN when there are none).</summary>
    public double MeanExponent(UnresolvedMotion? motion = null)
    {
        var values = Enumerable.Range(0, Count)
            .Where(i => Kinds[i] == AttractorKind.Unresolved && (motion is null || Motions[i] == motion))
            .Select(i => LyapunovExponents[i]).ToArray();
        return values.Length == 0 ? double.NaN : values.Average();
    }

    /// <summary>One line: counts per kind and the cycles found.</summary>
    public override string ToString()
    {
        var cycles = CyclesByPeriod.Count == 0 ? "no cycles" : string.Join(", ", CyclesByPeriod.Select(p => $"{p.Value} of period {p.Key}"));
        return $"{Count} starts: {FixedCount} fixed ({FixedPoints.Count} points), {PeriodicCount} periodic ({cycles}), " +
            $"{UnresolvedCount} unresolved ({CountOf(UnresolvedMotion.SlowConvergence)} slow, {CountOf(UnresolvedMotion.QuasiPeriodic)} quasi-periodic, " +
            $"{CountOf(UnresolvedMotion.Chaotic)} chaotic), {DivergedCount} diverged";
    }
}
