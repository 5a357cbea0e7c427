using System.Diagnostics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using LatentWorkbench.Engine;
using LatentWorkbench.Progress;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Classifies where each trajectory z_{t+1} = f(z_t) ends: at a fixed point, on a periodic orbit of period p ≤
/// <see cref="AttractorKindOptions.MaxPeriod"/>, still moving at the step limit (with its largest Lyapunov exponent
/// telling slow convergence, quasi-periodic motion and chaos apart), or diverged. Orbits found from different starts
/// and phases are merged as sets of points, and each gets its Floquet multipliers.
/// <para>
/// All starts advance together: each step is one batched evaluation of f over the still-moving starts, and a start
/// leaves the batch as soon as it is classified. Periods up to 16 are compared against a ring of the last 17 iterates
/// (batch buffers); longer ones against anchor iterates kept at power-of-two intervals (Brent's cycle detection), a
/// return to an anchor then being recorded over one period and confirmed over the next. The checks cost O(k) per
/// period and anchor per start and step, against the map's O(network) work; Jacobians are computed only at the distinct
/// orbits' points, and the Lyapunov tangent only over the last steps before the limit, for starts still moving then.
/// </para>
/// </summary>
/// <example><code>
/// var map = IteratedMap.FromFunction(1, x => 3.2f * x * (1f - x));          // the logistic map at r = 3.2
/// var result = AttractorKindClassifier.Classify(map, Tensor.FromArray(new[] { 0.1f, 0.3f }, 2, 1));
/// var cycle = result.Cycles[0];   // Period 2, Points [2, 1], MaxMultiplier 0.16
/// </code></example>
public static class AttractorKindClassifier
{
    /// <summary>Classifies the trajectories of the latent map z -> E(D(z)) from <paramref name="starts"/> [n, k].</summary>
    public static AttractorKindResult Classify(LatentMap map, Tensor starts, AttractorKindOptions? options = null) =>
        Classify(IteratedMap.FromLatentMap(map), starts, options);

    /// <summary>Classifies the trajectories of <paramref name="map"/> from <paramref name="starts"/> [n, k].</summary>
    public static AttractorKindResult Classify(IteratedMap map, Tensor starts, AttractorKindOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(starts);
        options ??= new AttractorKindOptions();
        options.Validate();
        int k = map.Dim;
        if (starts.Rank != 2 || starts.Size(1) != k)
            throw new ArgumentException($"starts must have shape [n, {k}]; got [{string.Join(", ", starts.Shape)}]", nameof(starts));
        int n = starts.Size(0);
        long bytes = options.MemoryBytes(n, k);
        if (bytes > options.MaxMemoryBytes)
            throw new ArgumentOutOfRangeException(nameof(starts), n,
                $"{n} starts at k = {k} with MaxPeriod = {options.MaxPeriod} need {bytes / (1 << 20)} MiB of iterate history, more than " +
                $"MaxMemoryBytes = {options.MaxMemoryBytes / (1 << 20)} MiB allows; classify them in batches, lower MaxPeriod or raise MaxMemoryBytes");
        var startValues = starts.Contiguous().ToArray();
        foreach (var v in startValues)
            if (!float.IsFinite(v)) throw new ArgumentException("starting points contain NaN or infinity", nameof(starts));

        var clock = Stopwatch.StartNew();
        var run = new Run(map, options, startValues, n);
        run.Iterate();
        var orbits = run.MergeOrbits();
        return new AttractorKindResult(k, Tensor.FromArray(startValues, n, k), Tensor.FromArray(run.Endpoints, n, k), run.Kinds, run.Basins, orbits,
            run.Steps, run.Exponents, run.Motions, run.PointSteps, clock.Elapsed.TotalSeconds, options);
    }

    /// <summary>The state of one classification: the ring of iterates of the still-moving starts and what is known of each start.</summary>
    private sealed class Run
    {
        private readonly IteratedMap _map;
        private readonly AttractorKindOptions _o;
        private readonly int _n, _k, _ringPeriods, _slots;

        // _ring[s] holds iterate t of the active starts when s = t mod (ring periods + 1), row a for start _index[a].
        private readonly float[][] _ring;
        private readonly int[] _index, _runLength, _candidate;

        // _recurrence[a * ring periods + t mod ring periods]: ||z_t - z_{t-p}||^2 at the candidate period p of step t.
        private readonly float[] _recurrence;

        // Long periods: _anchors[j] holds iterate s of each active start, s the last multiple of _intervals[j] (Brent's
        // tortoise, one per power of two so that a period p is seen within about 2p steps of reaching its cycle).
        private readonly int[] _intervals;
        private readonly float[][] _anchors;

        // A long-period candidate per active row: its period (0: none), steps since its detection, the largest recurrence
        // of the cycle being compared and of the one before; its points by start, one cycle, in the order f visits them.
        private readonly int[] _longPeriod, _longPhase;
        private readonly float[] _longMax, _longPreviousMax;
        private readonly float[]?[] _longPoints;

        private float[]? _tangent, _perturbed, _perturbedImage;
        private double[]? _logGrowth, _step;
        private readonly float[]?[] _cyclePoints;

        public Run(IteratedMap map, AttractorKindOptions options, float[] starts, int n)
        {
            _map = map;
            _o = options;
            _n = n;
            _k = map.Dim;
            _ringPeriods = options.RingPeriods;
            _slots = _ringPeriods + 1;
            _ring = new float[_slots][];
            for (int s = 0; s < _slots; s++) _ring[s] = s == 0 ? (float[])starts.Clone() : new float[n * _k];
            _intervals = options.AnchorIntervals();
            _anchors = _intervals.Select(_ => (float[])starts.Clone()).ToArray();
            _index = new int[n];
            for (int i = 0; i < n; i++) _index[i] = i;
            _runLength = new int[n];
            _candidate = new int[n];
            _recurrence = new float[n * _ringPeriods];
            _longPeriod = new int[n];
            _longPhase = new int[n];
            _longMax = new float[n];
            _longPreviousMax = new float[n];
            _longPoints = new float[n][];
            _cyclePoints = new float[n][];
            Endpoints = new float[n * _k];
            Kinds = new AttractorKind[n];
            Steps = new int[n];
            Exponents = new double[n];
            Array.Fill(Exponents, double.NaN);
            Motions = new UnresolvedMotion[n];
            Basins = new int[n];
            Array.Fill(Basins, -1);
        }

        public float[] Endpoints { get; }
        public AttractorKind[] Kinds { get; }
        public int[] Steps { get; }
        public double[] Exponents { get; }
        public UnresolvedMotion[] Motions { get; }
        public int[] Basins { get; }
        public long PointSteps { get; private set; }

        public void Iterate()
        {
            int k = _k, limit = _o.MaxIterations;
            int tangentFrom = limit - _o.LyapunovWarmup - _o.LyapunovSteps, countFrom = limit - _o.LyapunovSteps;
            double tol = _o.Tolerance, maxNorm2 = _o.DivergenceNorm * _o.DivergenceNorm;
            int active = _n, t = 0;
            using var bar = _o.ShowProgress ? new ProgressBar("attractor kinds", limit, "steps") : null;
            for (; t < limit && active > 0; t++)
            {
                Interruption.ThrowIfRequested();
                var current = _ring[t % _slots];
                var next = _ring[(t + 1) % _slots];
                bool tangentStep = t >= tangentFrom;
                if (tangentStep) PrepareTangents(current, active);
                _map.Apply(current, next, active);
                PointSteps += active;
                if (tangentStep)
                {
                    _map.Apply(_perturbed, _perturbedImage, active);
                    PointSteps += active;
                }
                int write = 0;
                for (int a = 0; a < active; a++)
                {
                    int i = _index[a];
                    var z = next.AsSpan(a * k, k);
                    if (IsDiverged(z, maxNorm2))
                    {
                        Finish(i, AttractorKind.Diverged, t + 1, z);
                        continue;
                    }
                    if (SquaredDistance(z, current.AsSpan(a * k, k)) < tol)
                    {
                        Finish(i, AttractorKind.FixedPoint, t + 1, z);
                        continue;
                    }
                    var cycle = ShortCycle(a, z, t + 1, tol) ?? LongCycle(a, i, z, t + 1, tol);
                    if (cycle is not null)
                    {
                        _cyclePoints[i] = cycle;
                        Finish(i, AttractorKind.PeriodicOrbit, t + 1, z);
                        continue;
                    }
                    if (tangentStep) AdvanceTangent(a, z, t >= countFrom);
                    if (write != a) MoveRow(a, write, t + 1);
                    write++;
                }
                active = write;
                for (int j = 0; j < _intervals.Length; j++)
                    if ((t + 1) % _intervals[j] == 0) next.AsSpan(0, active * k).CopyTo(_anchors[j]);
                bar?.Advance(1, $"moving {active}/{_n}");
            }
            var last = _ring[t % _slots];
            for (int a = 0; a < active; a++)
            {
                int i = _index[a];
                Finish(i, AttractorKind.Unresolved, t, last.AsSpan(a * k, k));
                double exponent = _logGrowth![a] / _o.LyapunovSteps;
                Exponents[i] = exponent;
                Motions[i] = exponent < -_o.LyapunovZeroBand ? UnresolvedMotion.SlowConvergence
                    : exponent > _o.LyapunovZeroBand ? UnresolvedMotion.Chaotic
                    : double.IsNaN(exponent) ? UnresolvedMotion.Chaotic
                    : UnresolvedMotion.QuasiPeriodic;
            }
            bar?.Finish($"{_n - active}/{_n} classified");
        }

        /// <summary>
        /// Periods up to the ring's: the smallest p with ||z_t - z_{t-p}||^2 below the tolerance, accepted once it held on
        /// p × ConfirmCycles consecutive steps while settling, with points further apart than the merge radius.
        /// Returns the cycle's points, or null.
        /// </summary>
        private float[]? ShortCycle(int a, ReadOnlySpan<float> z, int t, double tol)
        {
            int period = 0, longest = Math.Min(_ringPeriods, t);
            float recurrence = float.PositiveInfinity;
            for (int p = 2; p <= longest; p++)
            {
                float d = SquaredDistance(z, _ring[(t - p) % _slots].AsSpan(a * _k, _k));
                if (d < tol) { period = p; recurrence = d; break; }
            }
            if (period == 0) _runLength[a] = 0;
            else if (period == _candidate[a]) _runLength[a]++;
            else _runLength[a] = 1;
            _candidate[a] = period;
            var history = _recurrence.AsSpan(a * _ringPeriods, _ringPeriods);
            float cycleAgo = history[(t - period + _ringPeriods) % _ringPeriods];
            history[t % _ringPeriods] = recurrence;
            if (period == 0 || _runLength[a] < period * _o.ConfirmCycles || Escaping(recurrence, cycleAgo, z, _runLength[a] > period)) return null;
            var points = CyclePoints(a, t, period);
            return WiderThan(points, _k, _o.Radius) ? points : null;
        }

        /// <summary>
        /// Periods past the ring's: a return within the tolerance to an anchor (lag p) makes p a candidate; the next p
        /// iterates are recorded and the ConfirmCycles cycles after them must each recur within the tolerance of the cycle
        /// before, while settling. Then the smallest period the recorded cycle repeats with is kept. Returns the cycle's points, or null.
        /// </summary>
        private float[]? LongCycle(int a, int i, ReadOnlySpan<float> z, int t, double tol)
        {
            if (_intervals.Length == 0) return null;
            int k = _k, p = _longPeriod[a];
            if (p == 0)
            {
                int lag = 0;
                for (int j = 0; j < _intervals.Length; j++)
                {
                    int since = t - (t - 1) / _intervals[j] * _intervals[j];
                    if (since > _ringPeriods && since <= _o.MaxPeriod && (lag == 0 || since < lag) && SquaredDistance(z, _anchors[j].AsSpan(a * k, k)) < tol) lag = since;
                }
                if (lag > 0)
                {
                    _longPeriod[a] = lag;
                    _longPhase[a] = 0;
                    _longMax[a] = 0;
                    _longPoints[i] = new float[lag * k];
                }
                return null;
            }
            var points = _longPoints[i]!;
            int phase = _longPhase[a]++;
            if (phase < p)
            {
                z.CopyTo(points.AsSpan(phase * k, k));
                return null;
            }
            int at = (phase - p) % p;
            float d = SquaredDistance(z, points.AsSpan(at * k, k));
            if (!(d < tol)) return Abandon(a, i);
            _longMax[a] = Math.Max(_longMax[a], d);
            z.CopyTo(points.AsSpan(at * k, k));
            if (at < p - 1) return null;
            int cycles = (phase - p) / p + 1;
            if (Escaping(_longMax[a], _longPreviousMax[a], z, cycles > 1)) return Abandon(a, i);
            _longPreviousMax[a] = _longMax[a];
            _longMax[a] = 0;
            if (cycles < _o.ConfirmCycles) return null;
            var cycle = SmallestRepeat(points, k, tol);
            return WiderThan(cycle, k, _o.Radius) ? cycle : Abandon(a, i);
        }

        private float[]? Abandon(int a, int i)
        {
            _longPeriod[a] = 0;
            _longPoints[i] = null;
            return null;
        }

        // The first d of the p recorded points when the cycle repeats with the divisor d of p (a return seen only at a multiple of the period).
        private static float[] SmallestRepeat(float[] points, int k, double tol)
        {
            int p = points.Length / k;
            for (int d = 2; d < p; d++)
            {
                if (p % d != 0) continue;
                bool repeats = true;
                for (int j = 0; j < p && repeats; j++) repeats = SquaredDistance(points.AsSpan(j * k, k), points.AsSpan((j + d) % p * k, k)) < tol;
                if (repeats) return points.AsSpan(0, d * k).ToArray();
            }
            return points;
        }

        // Starts the tangents of the active starts with seeded random unit vectors on the window's first step, and puts
        // z + h v into the perturbed buffer on every step of the window.
        private void PrepareTangents(float[] current, int active)
        {
            int k = _k;
            if (_tangent is null)
            {
                _tangent = new float[_n * k];
                _perturbed = new float[_n * k];
                _perturbedImage = new float[_n * k];
                _logGrowth = new double[_n];
                _step = new double[_n];
                var generator = new Generator(_o.Seed);
                for (int a = 0; a < active; a++)
                {
                    var v = _tangent.AsSpan(a * k, k);
                    for (int c = 0; c < k; c++) v[c] = generator.NextNormal();
                    float norm = TensorPrimitives.Norm(v);
                    if (norm == 0) v[0] = norm = 1;
                    TensorPrimitives.Divide(v, norm, v);
                }
            }
            for (int a = 0; a < active; a++)
            {
                var z = current.AsSpan(a * k, k);
                double h = _o.FiniteDifferenceStep * Math.Max(1, TensorPrimitives.MaxMagnitude(z));
                _step![a] = h;
                TensorPrimitives.MultiplyAdd(_tangent.AsSpan(a * k, k), (float)h, z, _perturbed.AsSpan(a * k, k));
            }
        }

        // v <- J v / |J v| with J v = (f(z + h v) - f(z)) / h, and the log of |J v| added once past the warm-up.
        private void AdvanceTangent(int a, ReadOnlySpan<float> image, bool count)
        {
            int k = _k;
            var v = _tangent.AsSpan(a * k, k);
            var shifted = _perturbedImage.AsSpan(a * k, k);
            double h = _step![a], sum = 0;
            for (int c = 0; c < k; c++)
            {
                double w = (shifted[c] - (double)image[c]) / h;
                sum += w * w;
            }
            double growth = Math.Sqrt(sum);
            if (count) _logGrowth![a] += Math.Log(growth);
            if (!(growth > 0) || !double.IsFinite(growth)) return; // the exponent is already -inf or NaN; the direction no longer matters
            for (int c = 0; c < k; c++) v[c] = (float)((shifted[c] - (double)image[c]) / h / growth);
        }

        private void MoveRow(int from, int to, int newest)
        {
            int k = _k;
            int filled = Math.Min(_slots, newest + 1);
            for (int back = 0; back < filled; back++)
            {
                var slot = _ring[(newest - back) % _slots];
                slot.AsSpan(from * k, k).CopyTo(slot.AsSpan(to * k, k));
            }
            foreach (var anchor in _anchors) anchor.AsSpan(from * k, k).CopyTo(anchor.AsSpan(to * k, k));
            _recurrence.AsSpan(from * _ringPeriods, _ringPeriods).CopyTo(_recurrence.AsSpan(to * _ringPeriods, _ringPeriods));
            _index[to] = _index[from];
            _runLength[to] = _runLength[from];
            _candidate[to] = _candidate[from];
            _longPeriod[to] = _longPeriod[from];
            _longPhase[to] = _longPhase[from];
            _longMax[to] = _longMax[from];
            _longPreviousMax[to] = _longPreviousMax[from];
            if (_tangent is not null)
            {
                _tangent.AsSpan(from * k, k).CopyTo(_tangent.AsSpan(to * k, k));
                _logGrowth![to] = _logGrowth[from];
            }
        }

        // The last p iterates of active row a in the order f visits them (oldest first), newest being iterate t.
        private float[] CyclePoints(int a, int t, int p)
        {
            var points = new float[p * _k];
            for (int j = 0; j < p; j++)
                _ring[(t - (p - 1) + j) % _slots].AsSpan(a * _k, _k).CopyTo(points.AsSpan(j * _k, _k));
            return points;
        }

        private void Finish(int i, AttractorKind kind, int steps, ReadOnlySpan<float> z)
        {
            _longPoints[i] = null;
            Kinds[i] = kind;
            Steps[i] = steps;
            z.CopyTo(Endpoints.AsSpan(i * _k, _k));
        }

        /// <summary>
        /// Merges fixed points (Euclidean, as <see cref="Deduplication"/>) and cycles of equal period whose point sets lie
        /// within the radius of each other, sets <see cref="Basins"/>, and computes the Floquet multipliers.
        /// </summary>
        public IReadOnlyList<Orbit> MergeOrbits()
        {
            int k = _k;
            var fixedMask = Kinds.Select(x => x == AttractorKind.FixedPoint).ToArray();
            var (reps, fixedLabels) = Deduplication.Merge(Endpoints, k, DedupRule.Euclidean, _o.Radius, fixedMask);
            var groups = new List<(int Period, float[] Points, double[] Centroid, List<int> Members)>();
            for (int r = 0; r < reps.Length / k; r++) groups.Add((1, reps.AsSpan(r * k, k).ToArray(), Centroid(reps.AsSpan(r * k, k), 1, k), []));
            for (int i = 0; i < _n; i++)
                if (fixedLabels[i] >= 0) groups[fixedLabels[i]].Members.Add(i);
            for (int i = 0; i < _n; i++)
            {
                if (Kinds[i] != AttractorKind.PeriodicOrbit) continue;
                var points = Canonical(_cyclePoints[i]!, k);
                int p = points.Length / k;
                var centroid = Centroid(points, p, k);
                int match = -1;
                for (int g = 0; g < groups.Count && match < 0; g++)
                {
                    var group = groups[g];
                    // The centroid does not depend on the phase, and two sets within Hausdorff distance r have centroids within r.
                    if (group.Period == p && Distance(group.Centroid, centroid) < _o.Radius && SameSet(group.Points, points, p, k, _o.Radius)) match = g;
                }
                if (match < 0)
                {
                    groups.Add((p, points, centroid, []));
                    match = groups.Count - 1;
                }
                groups[match].Members.Add(i);
            }
            // By period, then largest basin first; ties keep the order of discovery.
            var order = Enumerable.Range(0, groups.Count).OrderBy(g => groups[g].Period).ThenByDescending(g => groups[g].Members.Count).ThenBy(g => g).ToArray();
            var multipliers = _o.ComputeMultipliers ? FloquetMultipliers(order.Select(g => (groups[g].Period, groups[g].Points)).ToList()) : null;
            var orbits = new List<Orbit>(order.Length);
            for (int o = 0; o < order.Length; o++)
            {
                var group = groups[order[o]];
                foreach (int i in group.Members) Basins[i] = o;
                orbits.Add(new Orbit(group.Period, Tensor.FromArray(group.Points, group.Period, k), multipliers?[o] ?? [], group.Members.Count));
            }
            return orbits;
        }

        // Eigenvalues of J(z_{p-1}) ... J(z_0) per orbit, from one batch of Jacobians at all orbit points.
        private System.Numerics.Complex[][] FloquetMultipliers(IReadOnlyList<(int Period, float[] Points)> orbits)
        {
            int k = _k, total = orbits.Sum(o => o.Period);
            var result = new System.Numerics.Complex[orbits.Count][];
            if (total == 0) return result;
            var all = new float[total * k];
            int offset = 0;
            foreach (var (p, points) in orbits)
            {
                points.CopyTo(all, offset * k);
                offset += p;
            }
            var jacobians = _map.Jacobians(Tensor.FromArray(all, total, k)).Contiguous().ToArray();
            offset = 0;
            for (int o = 0; o < orbits.Count; o++)
            {
                int p = orbits[o].Period;
                var product = new double[k * k];
                for (int c = 0; c < k; c++) product[c * k + c] = 1;
                var scratch = new double[k * k];
                for (int j = 0; j < p; j++)
                {
                    var jac = jacobians.AsSpan((offset + j) * k * k, k * k);
                    Array.Clear(scratch);
                    for (int r = 0; r < k; r++)
                        for (int m = 0; m < k; m++)
                        {
                            double jrm = jac[r * k + m];
                            if (jrm == 0) continue;
                            for (int c = 0; c < k; c++) scratch[r * k + c] += jrm * product[m * k + c];
                        }
                    (product, scratch) = (scratch, product);
                }
                result[o] = Stability.Of(Array.ConvertAll(product, v => (float)v), k).Eigenvalues;
                offset += p;
            }
            return result;
        }

        /// <summary>
        /// Whether a trajectory that recurs within the tolerance is leaving an unstable cycle rather than settling on one:
        /// its recurrence distance grew over the last period (by |multiplier|^2 per period near an unstable cycle, while it
        /// shrinks near a stable one). Distances at float32 resolution count as settled, whatever their noise does.
        /// </summary>
        private static bool Escaping(float recurrence, float cycleAgo, ReadOnlySpan<float> z, bool known)
        {
            if (!known) return false;
            double resolution = 16 * Math.Pow(2, -23) * Math.Max(1, TensorPrimitives.MaxMagnitude(z));
            return recurrence > cycleAgo && recurrence > z.Length * resolution * resolution;
        }

        // A NaN or infinite coordinate, or a norm past the bound (in double when the float sum of squares overflows).
        private static bool IsDiverged(ReadOnlySpan<float> z, double maxNorm2)
        {
            float norm2 = TensorPrimitives.SumOfSquares(z);
            if (float.IsNaN(norm2)) return true;
            if (!float.IsInfinity(norm2)) return norm2 > maxNorm2;
            double sum = 0;
            foreach (var v in z)
            {
                if (!float.IsFinite(v)) return true;
                sum += v * (double)v;
            }
            return sum > maxNorm2;
        }

        private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            float d = TensorPrimitives.Distance(a, b);
            return d * d;
        }

        // Whether two of the points lie further apart than the radius; the distances to the first point settle most cycles in O(p).
        private static bool WiderThan(float[] points, int k, double radius)
        {
            int p = points.Length / k;
            for (int i = 0; i < p; i++)
                for (int j = i + 1; j < p; j++)
                    if (TensorPrimitives.Distance(points.AsSpan(i * k, k), points.AsSpan(j * k, k)) > radius) return true;
            return false;
        }

        // The cycle rotated to start at its lexicographically smallest point, so one orbit reads the same from any phase.
        private static float[] Canonical(float[] points, int k)
        {
            int p = points.Length / k, first = 0;
            for (int j = 1; j < p; j++)
                if (Lexicographic(points.AsSpan(j * k, k), points.AsSpan(first * k, k)) < 0) first = j;
            var rotated = new float[points.Length];
            for (int j = 0; j < p; j++) points.AsSpan((first + j) % p * k, k).CopyTo(rotated.AsSpan(j * k, k));
            return rotated;
        }

        private static int Lexicographic(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            for (int c = 0; c < a.Length; c++)
                if (a[c] != b[c]) return a[c].CompareTo(b[c]);
            return 0;
        }

        private static double[] Centroid(ReadOnlySpan<float> points, int p, int k)
        {
            var c = new double[k];
            for (int j = 0; j < p; j++)
                for (int d = 0; d < k; d++) c[d] += points[j * k + d] / (double)p;
            return c;
        }

        private static double Distance(double[] a, double[] b)
        {
            double s = 0;
            for (int d = 0; d < a.Length; d++) s += (a[d] - b[d]) * (a[d] - b[d]);
            return Math.Sqrt(s);
        }

        // Hausdorff distance below the radius: every point of each set lies within it of some point of the other.
        private static bool SameSet(float[] a, float[] b, int p, int k, double radius) => Covers(a, b, p, k, radius) && Covers(b, a, p, k, radius);

        private static bool Covers(float[] a, float[] b, int p, int k, double radius)
        {
            // Most matches are the same cycle read from another phase: find the shift from a's first point, check it in O(p).
            int shift = 0;
            float nearest = float.PositiveInfinity;
            for (int j = 0; j < p; j++)
            {
                float d = TensorPrimitives.Distance(a.AsSpan(0, k), b.AsSpan(j * k, k));
                if (d < nearest) { nearest = d; shift = j; }
            }
            bool shifted = nearest < radius;
            for (int i = 1; i < p && shifted; i++) shifted = TensorPrimitives.Distance(a.AsSpan(i * k, k), b.AsSpan((i + shift) % p * k, k)) < radius;
            if (shifted) return true;
            for (int i = 0; i < p; i++)
            {
                bool near = false;
                for (int j = 0; j < p && !near; j++) near = TensorPrimitives.Distance(a.AsSpan(i * k, k), b.AsSpan(j * k, k)) < radius;
                if (!near) return false;
            }
            return true;
        }
    }
}
