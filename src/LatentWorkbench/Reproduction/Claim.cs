using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>How our number relates to a paper's claim.</summary>
public enum Verdict
{
    /// <summary>Our run supports the claim.</summary>
    Agrees,

    /// <summary>Our run contradicts the claim.</summary>
    Disagrees,

    /// <summary>The run cannot decide: its models do not beat the trivial baseline, or a number it needs is missing.</summary>
    Inconclusive,
}

/// <summary>Our side of a claim: the numbers in one line, the verdict, and why when it is not plain agreement.</summary>
public sealed record ClaimCheck(string Ours, Verdict Verdict, string? Why = null);

/// <summary>
/// One claim of a paper that an experiment's JSON can test: the claim in one line, the paper's number, and a check
/// that reads our summary (see <see cref="SeedSummary"/>) and returns our numbers and the verdict.
/// </summary>
/// <param name="Experiment">The <c>lwb reproduce</c> experiment whose JSON the check reads.</param>
/// <param name="Statement">The claim in one line.</param>
/// <param name="Paper">The paper's number(s) for it.</param>
/// <param name="Check">Reads the summary JSON of one mode; null when it holds none of the numbers needed.</param>
public sealed record Claim(string Experiment, string Statement, string Paper, Func<JsonNode, ClaimCheck?> Check)
{
    /// <summary>"0.812 ± 0.014" (mean ± sd over seeds), or just the mean when every seed agrees.</summary>
    public static string Format((double Mean, double Sd, int Seeds) x, string format = "F3") =>
        x.Sd == 0
            ? x.Mean.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{x.Mean.ToString(format, CultureInfo.InvariantCulture)} ± {x.Sd.ToString(format, CultureInfo.InvariantCulture)}");
}
