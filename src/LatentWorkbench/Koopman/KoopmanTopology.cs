using LatentWorkbench.Engine;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Koopman;

/// <summary>
/// beta_0 of the states a study produces (classifier layers, decoded Koopman iterates), measured on one common
/// scale so that counts are comparable across layers, iterations and models.
/// </summary>
public static class KoopmanTopology
{
    /// <summary>
    /// sqrt(n_fit) / 100: the preprocessing fixes ||X||_F = 100 over its n_fit fitting rows, so this factor turns every
    /// preprocessed cloud into unit RMS row norm (the normalisation under which the paper's thresholds, read on 10,000
    /// points, are quoted). One factor for all clouds of a study keeps them comparable.
    /// </summary>
    public static double Scale(KoopmanStudy study) => Scale(study.TrainLabels.Length);

    /// <summary>sqrt(<paramref name="fittingRows"/>) / 100 (see <see cref="Scale(KoopmanStudy)"/>).</summary>
    public static double Scale(int fittingRows) =>
        fittingRows > 0 ? Math.Sqrt(fittingRows) / 100.0 : throw new ArgumentOutOfRangeException(nameof(fittingRows), fittingRows, "must be positive");

    /// <summary>Sorted H0 death times [n - 1] of <paramref name="cloud"/> [n, d] multiplied by <paramref name="scale"/>.</summary>
    public static double[] DeathTimes(Tensor cloud, double scale)
    {
        if (cloud.Rank != 2) throw new ArgumentException($"expected a point cloud [n, d], got rank {cloud.Rank}", nameof(cloud));
        var c = (cloud * (float)scale).Contiguous();
        return PersistenceH0.DeathTimes(c.ToArray(), c.Size(0), c.Size(1));
    }

    /// <summary>beta_0 at <paramref name="epsilon"/> of each cloud ([n_i, d_i] each), all multiplied by the same <paramref name="scale"/>: [clouds].</summary>
    /// <example><code>
    /// double scale = KoopmanTopology.Scale(study);
    /// double eps = KoopmanTopology.DataThreshold(study.TestLayers[0], scale);   // median merge scale of the first layer
    /// int[] betti = KoopmanTopology.Betti0(study.TestLayers, eps, scale);       // [layers]
    /// </code></example>
    public static int[] Betti0(IReadOnlyList<Tensor> clouds, double epsilon, double scale)
    {
        var result = new int[clouds.Count];
        for (int i = 0; i < clouds.Count; i++) result[i] = PersistenceH0.Betti0(DeathTimes(clouds[i], scale), epsilon);
        return result;
    }

    /// <summary>
    /// A threshold tied to the data rather than to the paper's point count: the <paramref name="quantile"/> of the H0
    /// death times (nearest-neighbour merge scales) of <paramref name="reference"/> [n, d]. With the default median, half of the
    /// reference cloud's components have merged at this scale; beta_0 of other clouds read at the same threshold then says
    /// whether they are more (fewer components) or less clustered than the reference.
    /// </summary>
    public static double DataThreshold(Tensor reference, double scale, double quantile = 0.5)
    {
        if (!(quantile > 0 && quantile < 1)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "must lie in (0, 1)");
        var deaths = DeathTimes(reference, scale);
        if (deaths.Length == 0) throw new ArgumentException("the reference cloud needs at least two points", nameof(reference));
        return deaths[(int)Math.Min(deaths.Length - 1, Math.Floor(quantile * deaths.Length))];
    }

    /// <summary>
    /// beta_0 curves of several clouds on one threshold grid, evenly spaced from 0 to the largest death time among them
    /// (where every curve has reached 1): Thresholds [thresholds], Curves [cloud][threshold].
    /// </summary>
    public static (double[] Thresholds, int[][] Curves) Betti0Curves(IReadOnlyList<Tensor> clouds, double scale, int thresholds = 60)
    {
        if (thresholds < 2) throw new ArgumentOutOfRangeException(nameof(thresholds), thresholds, "needs at least 2 thresholds");
        var deaths = new double[clouds.Count][];
        double max = 0;
        for (int i = 0; i < deaths.Length; i++)
        {
            deaths[i] = DeathTimes(clouds[i], scale);
            if (deaths[i].Length > 0) max = Math.Max(max, deaths[i][^1]);
        }
        var grid = new double[thresholds];
        for (int t = 0; t < thresholds; t++) grid[t] = max * t / (thresholds - 1);
        var curves = new int[deaths.Length][];
        for (int i = 0; i < deaths.Length; i++) curves[i] = PersistenceH0.BettiCurve(deaths[i], grid);
        return (grid, curves);
    }
}
