using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// The four explanations of the OOD disagreement (trajectory score below chance for Fashion-MNIST in, behind
/// kNN for MNIST in), each read from <c>why-ood</c>'s rows: the conditions that change its factor against the control
/// on the same models (see <see cref="LatentFields.OodAblation"/>).
/// </summary>
public static class WhyOodHypotheses
{
    /// <summary>The experiment the hypotheses read.</summary>
    public const string Experiment = "why-ood";

    /// <summary>The disagreement they explain.</summary>
    public const string Disagreement = "OOD: the trajectory score is below chance for Fashion-MNIST in and behind kNN for MNIST in";

    /// <summary>Fashion-MNIST in counts as detecting OOD above this AUROC (the <c>ood</c> claim's rule).</summary>
    public const double FashionTarget = 0.6;

    /// <summary>MNIST in matches kNN within this AUROC (the <c>ood</c> claim's rule).</summary>
    public const double KnnTolerance = 0.05;

    /// <summary>
    /// Smallest AUROC change that counts as an effect: with 300 test images per side an AUROC's standard error is
    /// about 0.015-0.02, so a change below 0.03 could come from which test images were drawn.
    /// </summary>
    public const double MinimumEffect = 0.03;

    /// <summary>H1 to H4, in the order.</summary>
    public static IReadOnlyList<Hypothesis> All { get; } =
    [
        new(Experiment, Disagreement, "H1 attractor count: the score depends on how many training attractors there are (merge radius 0.1 vs 5, the paper's cosine rule, every end point)",
            json => Check(json, "all-endpoints", "coarse-radius", "cosine-merge")),
        new(Experiment, Disagreement, "H2 latent normalisation: distances in the latent standardised per dimension, or cosine distance, instead of the raw latent",
            json => Check(json, "standardised", "cosine-distance")),
        new(Experiment, Disagreement, "H3 path length: the start alone, the first 10 points or the end point instead of the mean over the whole path",
            json => Check(json, "start", "first-steps", "end-point")),
        new(Experiment, Disagreement, "H4 starts: attractors from a quarter of, or 2.5 times, the training starts (quick: 500 or 5,000 instead of 2,000)",
            json => Check(json, "fewer-starts", "more-starts")),
    ];

    /// <summary>
    /// The verdict of one hypothesis from its conditions' rows. Each condition's AUROC change is paired with the
    /// control on the same seed's model (auroc_delta), so its sd over seeds is the factor's spread, not the models'.
    /// A change is clear when it exceeds max(2 sd, <see cref="MinimumEffect"/>). Supported: some condition clearly
    /// improves a direction and either reaches the target (Fashion-MNIST in above <see cref="FashionTarget"/>; MNIST in
    /// within <see cref="KnnTolerance"/> of kNN) or closes at least half the control's distance to it. Ruled out: no
    /// condition clearly improves either direction (unchanged within the spread, or worse). Inconclusive: a clear
    /// improvement that closes less than half the gap (the factor matters but does not explain the disagreement).
    /// Null when a row is missing.
    /// </summary>
    public static HypothesisCheck? Check(JsonNode json, params string[] conditions)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (ResultPath.Number(json, "directions[in=mnist].knn_auroc") is not { } knn) return null;
        var fashion = Best(json, "fashion-mnist", FashionTarget, conditions);
        var mnist = Best(json, "mnist", knn.Mean - KnnTolerance, conditions);
        if (fashion is null || mnist is null) return null;
        var f = fashion.Value;
        var m = mnist.Value;
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"Fashion in: control {Format(f.Control)} vs {f.Name} {Format(f.Variant)} (Δ {Delta(f.Delta)}); " +
            $"MNIST in: control {Format(m.Control)} vs {m.Name} {Format(m.Variant)} (Δ {Delta(m.Delta)}), kNN {Format(knn)}");
        HypothesisVerdict verdict = f.Supported || m.Supported ? HypothesisVerdict.Supported
            : f.Clear || m.Clear ? HypothesisVerdict.Inconclusive
            : HypothesisVerdict.RuledOut;
        return new HypothesisCheck(evidence, verdict);
    }

    private readonly record struct Outcome(string Name, (double Mean, double Sd, int Seeds) Control, (double Mean, double Sd, int Seeds) Variant,
        (double Mean, double Sd, int Seeds) Delta, bool Clear, bool Supported);

    /// <summary>The condition with the largest mean AUROC change in one direction, judged against <paramref name="target"/>.</summary>
    private static Outcome? Best(JsonNode json, string inData, double target, string[] conditions)
    {
        if (ResultPath.Number(json, $"rows[in={inData},condition=control].auroc") is not { } control) return null;
        Outcome? best = null;
        foreach (var name in conditions)
        {
            if (ResultPath.Number(json, $"rows[in={inData},condition={name}].auroc") is not { } variant
                || ResultPath.Number(json, $"rows[in={inData},condition={name}].auroc_delta") is not { } delta) return null;
            bool clear = delta.Mean > Math.Max(2 * delta.Sd, MinimumEffect);
            bool closes = variant.Mean > target || delta.Mean >= (target - control.Mean) / 2;
            var outcome = new Outcome(name, control, variant, delta, clear, clear && closes);
            if (best is null || delta.Mean > best.Value.Delta.Mean) best = outcome;
        }
        return best;
    }

    private static string Format((double Mean, double Sd, int Seeds) x) =>
        x.Seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $"{x.Mean:F3} ± {x.Sd:F3}") : x.Mean.ToString("F3", CultureInfo.InvariantCulture);

    private static string Delta((double Mean, double Sd, int Seeds) x) =>
        x.Seeds > 1 ? string.Create(CultureInfo.InvariantCulture, $"{x.Mean:+0.000;-0.000} ± {x.Sd:F3}") : x.Mean.ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
}
