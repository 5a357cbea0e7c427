namespace LatentWorkbench.Reproduction;

/// <summary>
/// The explanations of our open disagreements with the papers (see <see cref="ClaimCatalog"/>) that a controlled
/// experiment tests, grouped by disagreement. REPRODUCTION.md lists each with the numbers and whether it was ruled out.
/// </summary>
public static class HypothesisCatalog
{
    /// <summary>Every hypothesis, grouped by disagreement.</summary>
    public static IReadOnlyList<Hypothesis> All { get; } =
    [
        .. MemorizationHypotheses.All,
        .. OodHypotheses.All,
        .. KoopmanHypotheses.All,
        .. UnlearningLambdaHypotheses.All,
    ];

    /// <summary>The controlled experiments the hypotheses read, in catalog order.</summary>
    public static IReadOnlyList<string> Experiments => All.Select(h => h.Experiment).Distinct().ToArray();
}
