using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>What a controlled experiment says about one explanation of a disagreement.</summary>
public enum HypothesisVerdict
{
    /// <summary>Changing the suspected cause did not remove the disagreement: this is not the explanation.</summary>
    RuledOut,

    /// <summary>Changing the suspected cause removed (or clearly shrank) the disagreement.</summary>
    Supported,

    /// <summary>The run cannot decide: the effect is within the seed spread, or a model is degenerate.</summary>
    Inconclusive,
}

/// <summary>The numbers behind a hypothesis' verdict in one line (control vs intervention), and the verdict.</summary>
public sealed record HypothesisCheck(string Evidence, HypothesisVerdict Verdict);

/// <summary>
/// One named explanation of a disagreement between a paper and our run, tested by a controlled experiment: the
/// experiment changes one suspected cause and keeps everything else, and the check reads its JSON summary (see
/// <see cref="SeedSummary"/>) to say whether the disagreement went away.
/// </summary>
/// <param name="Experiment">The <c>lwb reproduce</c> experiment (a controlled one, e.g. "why-memorization") whose JSON the check reads.</param>
/// <param name="Disagreement">The claim it explains, in a few words, e.g. "memorisation below the null for k ≥ 8".</param>
/// <param name="Statement">The hypothesis in one line, e.g. "a conv autoencoder memorises more than the MLP".</param>
/// <param name="Check">Reads the summary JSON of one mode; null when it holds none of the numbers needed.</param>
public sealed record Hypothesis(string Experiment, string Disagreement, string Statement, Func<JsonNode, HypothesisCheck?> Check);
