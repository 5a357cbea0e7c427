using LatentWorkbench.Figures;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Outcome of <see cref="IsometryAblation.Run"/>: per isometry weight, the surrogate's test accuracy and the Betti
/// curves of its decoded iterates psi(phi(x0) K^i), all on one threshold grid (clouds scaled by <see cref="Scale"/>).
/// </summary>
/// <param name="Weights">The isometry weights l4, in run order.</param>
/// <param name="Thresholds">The common threshold grid.</param>
/// <param name="Scale">Factor applied to every cloud before measuring (<see cref="KoopmanTopology.Scale(KoopmanStudy)"/>).</param>
/// <param name="ReferenceThreshold">The threshold of <see cref="Betti0AtReference"/>.</param>
/// <param name="SurrogateAccuracy">Surrogate test accuracy per weight.</param>
/// <param name="Betti0">beta_0 curves [weight][iteration i = 0..k][threshold].</param>
/// <param name="Betti0AtReference">beta_0 at the reference threshold [weight][iteration].</param>
/// <param name="Betti1First">beta_1 curve of the first decoded iterate (i = 0) per weight [weight][threshold].</param>
/// <param name="Betti1Last">beta_1 curve of the last decoded iterate (i = k) per weight [weight][threshold].</param>
public sealed record IsometryAblationResult(
    IReadOnlyList<float> Weights, double[] Thresholds, double Scale, double ReferenceThreshold, double[] SurrogateAccuracy,
    int[][][] Betti0, int[][] Betti0AtReference, int[][] Betti1First, int[][] Betti1Last)
{
    /// <summary>
    /// Three panels: beta_0 against the threshold for the first and last iterate of each weight, beta_1 likewise, and
    /// beta_0 at the reference threshold across iterations (log scale).
    /// </summary>
    public Figure ToFigure()
    {
        var fig = Figure.Subplots(1, 3, ["H0 Betti curves (i = 0 dashed, i = k solid)", "H1 Betti curves (i = 0 dashed, i = k solid)",
            $"beta_0 at eps = {ReferenceThreshold:G3} across iterations"]);
        for (int w = 0; w < Weights.Count; w++)
        {
            string name = $"l4 = {Weights[w]:G3}";
            fig.Add(Plot.Line(Thresholds, Betti0[w][0], $"{name}, i = 0").WithLine(dash: LineDash.Dash), 1, 1);
            fig.Add(Plot.Line(Thresholds, Betti0[w][^1], $"{name}, i = k"), 1, 1);
            fig.Add(Plot.Line(Thresholds, Betti1First[w], $"{name}, i = 0").WithLine(dash: LineDash.Dash), 1, 2);
            fig.Add(Plot.Line(Thresholds, Betti1Last[w], $"{name}, i = k"), 1, 2);
            fig.Add(Plot.Scatter(DataArray.Range(Betti0AtReference[w].Length), Betti0AtReference[w], name, ScatterMode.LinesMarkers), 1, 3);
        }
        fig.WithXAxis("threshold eps", row: 1, col: 1).WithYAxis("beta_0", log: true, row: 1, col: 1);
        fig.WithXAxis("threshold eps", row: 1, col: 2).WithYAxis("beta_1", row: 1, col: 2);
        fig.WithXAxis("iteration i", row: 1, col: 3).WithYAxis("beta_0", log: true, row: 1, col: 3);
        return fig.WithTitle("Isometry-weight ablation: topology of the decoded Koopman iterates");
    }
}
