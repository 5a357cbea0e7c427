using LatentWorkbench.Display;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Reproduction;

/// <summary>One row of a <see cref="PaperComparison"/>: a claim, the paper's number, ours and the verdict.</summary>
/// <param name="Claim">The claim in one line.</param>
/// <param name="Paper">The paper's number(s) for it.</param>
/// <param name="Ours">This run's number(s).</param>
/// <param name="Verdict">How ours relates to the claim.</param>
/// <param name="Why">Why, when the verdict needs a reason (null otherwise).</param>
public sealed record PaperComparisonRow(string Claim, string Paper, string Ours, Verdict Verdict, string? Why = null);

/// <summary>
/// A run's verdicts on a paper's claims, as the table a notebook ends with: each claim in one line, the paper's
/// number, ours from the run above and whether they agree. The verdicts are computed from the run's own results, so
/// they follow any change of recipe or seed; <c>REPRODUCTION.md</c> gives the same claims over several seeds and in
/// full mode.
/// </summary>
/// <example><code>
/// var m = sweep.Rows.First(r => r.K == 2).MemorizationMean;
/// display(new PaperComparison("Memorisation against the paper")
///     .Add("The smallest bottleneck memorises", "coefficient &gt; 0.8 at k = 2", $"{m:F3}", m &gt; 0.8));
/// </code></example>
public sealed class PaperComparison : IMimeRenderable
{
    private readonly List<PaperComparisonRow> _rows = [];

    /// <summary>An empty comparison with an optional caption.</summary>
    public PaperComparison(string? title = null) => Title = title;

    /// <summary>The caption of the table.</summary>
    public string? Title { get; }

    /// <summary>The claims in the order they were added.</summary>
    public IReadOnlyList<PaperComparisonRow> Rows => _rows;

    /// <summary>How many claims this run agrees with.</summary>
    public int Agreeing => _rows.Count(r => r.Verdict == Verdict.Agrees);

    /// <summary>Adds a claim whose verdict is agree (<paramref name="agrees"/> true) or disagree.</summary>
    /// <param name="claim">The claim in one line.</param>
    /// <param name="paper">The paper's number(s).</param>
    /// <param name="ours">This run's number(s), formatted.</param>
    /// <param name="agrees">Whether this run supports the claim.</param>
    /// <param name="why">Optional reason shown beside the verdict.</param>
    public PaperComparison Add(string claim, string paper, string ours, bool agrees, string? why = null) =>
        Add(claim, paper, ours, agrees ? Verdict.Agrees : Verdict.Disagrees, why);

    /// <summary>Adds a claim with any verdict, e.g. <see cref="Verdict.Inconclusive"/> when the run cannot decide.</summary>
    /// <param name="claim">The claim in one line.</param>
    /// <param name="paper">The paper's number(s).</param>
    /// <param name="ours">This run's number(s), formatted.</param>
    /// <param name="verdict">How ours relates to the claim.</param>
    /// <param name="why">Optional reason shown beside the verdict (expected for an inconclusive one).</param>
    public PaperComparison Add(string claim, string paper, string ours, Verdict verdict, string? why = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(ours);
        if (!Enum.IsDefined(verdict)) throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "expected Agrees, Disagrees or Inconclusive");
        _rows.Add(new PaperComparisonRow(claim, paper, ours, verdict, why));
        return this;
    }

    /// <summary>The claims as a table with columns claim, paper, ours (this run) and verdict.</summary>
    public ResultTable ToTable()
    {
        var table = new ResultTable("claim", "paper", "ours (this run)", "verdict");
        if (Title is not null) table.WithTitle(Title);
        foreach (var r in _rows) table.AddRow(r.Claim, r.Paper, r.Ours, VerdictText(r));
        return table;
    }

    private static string VerdictText(PaperComparisonRow row)
    {
        string verdict = row.Verdict switch
        {
            Verdict.Agrees => "agrees",
            Verdict.Disagrees => "disagrees",
            _ => "inconclusive",
        };
        return row.Why is { } why ? $"{verdict}: {why}" : verdict;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> ToMimeBundle() => ToTable().ToMimeBundle();

    /// <summary>The table as aligned text.</summary>
    public override string ToString() => ToTable().ToText();
}
