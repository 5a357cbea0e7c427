using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>Where latent trajectories of MLP autoencoders end (fixed points, cycles, unresolved, diverged) on MNIST and Fashion-MNIST across k.</summary>
public sealed class AttractorKindsExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "attractor-kinds";

    /// <inheritdoc/>
    public string Description => "kinds of latent attractors: fixed points, cycles with Floquet multipliers, unresolved motion by Lyapunov exponent";

    /// <summary>
    /// {"rows": [{"dataset", "k", "starts", "fixed", "fixed_points", "periodic", "unresolved", "diverged",
    /// "unresolved_motion": {"slow", "quasi_periodic", "chaotic"}, "orbits": [{"period", "points", "basin", "max_multiplier"}],
    /// "test_mse", "mean_image_mse", "degenerate"}]}: counts are starts, "fixed_points" distinct fixed points, "orbits" the
    /// distinct cycles (period ≥ 2) with their points [p][k].
    /// </summary>
    public JsonObject Run(bool quick, ulong seed)
    {
        var options = quick ? AttractorKindStudyOptions.Quick(seed) : new AttractorKindStudyOptions { Seed = seed };
        options = options with { Classifier = options.Classifier with { ShowProgress = true } };
        var rows = new JsonArray();
        foreach (var row in AttractorKindStudy.Run(options).Rows) rows.Add(ToJson(row));
        return new JsonObject { ["rows"] = rows };
    }

    /// <summary>One cell as a JSON row.</summary>
    public static JsonObject ToJson(AttractorKindRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kinds = row.Kinds;
        var orbits = new JsonArray();
        foreach (var cycle in kinds.Cycles)
        {
            var points = new JsonArray();
            var flat = cycle.Points.Contiguous().ToArray();
            for (int j = 0; j < cycle.Period; j++)
            {
                var point = new JsonArray();
                for (int c = 0; c < kinds.Dim; c++) point.Add(Round(flat[j * kinds.Dim + c], 4));
                points.Add(point);
            }
            orbits.Add(new JsonObject
            {
                ["period"] = cycle.Period,
                ["points"] = points,
                ["basin"] = cycle.BasinSize,
                ["max_multiplier"] = Round(cycle.MaxMultiplier, 4),
            });
        }
        return new JsonObject
        {
            ["dataset"] = row.Dataset,
            ["k"] = row.K,
            ["starts"] = kinds.Count,
            ["fixed"] = kinds.FixedCount,
            ["fixed_points"] = kinds.FixedPoints.Count,
            ["periodic"] = kinds.PeriodicCount,
            ["unresolved"] = kinds.UnresolvedCount,
            ["diverged"] = kinds.DivergedCount,
            ["unresolved_motion"] = new JsonObject
            {
                ["slow"] = kinds.CountOf(UnresolvedMotion.SlowConvergence),
                ["quasi_periodic"] = kinds.CountOf(UnresolvedMotion.QuasiPeriodic),
                ["chaotic"] = kinds.CountOf(UnresolvedMotion.Chaotic),
            },
            ["orbits"] = orbits,
            ["test_mse"] = Round(row.TestMse, 6),
            ["mean_image_mse"] = Round(row.Baseline.TestMse, 6),
            ["degenerate"] = row.Degenerate,
        };
    }

    // JSON has no NaN: a number that is not finite (multipliers not computed) is written as null.
    private static JsonNode? Round(double v, int digits) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, digits)) : null;
}
