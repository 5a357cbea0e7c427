using LatentWorkbench.Engine;

namespace LatentWorkbench.Koopman;

/// <summary>
/// An edited operator A' = A + Delta and how it was chosen: the lambda used, the class merged into (null for per-row
/// targets), and, when lambda was selected, the split, the validation accuracy before the edit and every candidate's scores.
/// </summary>
public sealed record UnlearningEdit(
    Tensor Operator,
    double Lambda,
    int? TargetClass,
    UnlearningSplit? Split,
    double[]? ValidationBefore,
    IReadOnlyList<UnlearningCandidate> Candidates)
{
    /// <summary>The chosen candidate (null when lambda was fixed).</summary>
    public UnlearningCandidate? Chosen
    {
        get
        {
            foreach (var c in Candidates) if (c.Lambda == Lambda) return c;
            return null;
        }
    }
}
