using LatentWorkbench.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Fits the paper's per-layer preprocessing: flatten, mean-centre, project on the top-p singular directions
/// (each sign-fixed so its largest-magnitude entry is positive), divide by ||X||_F / 100, then rotate every layer
/// onto the last one by orthogonal Procrustes so that consecutive states live in comparable coordinates.
/// </summary>
public static class LayerPreprocessing
{
    /// <summary>One transform per layer of <paramref name="layers"/> (each [n, d_l], same n).</summary>
    public static LayerTransform[] Fit(IReadOnlyList<Tensor> layers, int components)
    {
        if (layers.Count == 0) throw new ArgumentException("no layers to preprocess", nameof(layers));
        int n = layers[0].Size(0);
        foreach (var l in layers)
        {
            if (l.Size(0) != n) throw new ArgumentException($"all layers need {n} rows; one has {l.Size(0)}", nameof(layers));
            int d = l.Numel / n;
            if (components > d || components > n) throw new ArgumentOutOfRangeException(nameof(components), components, $"cannot keep more than min(n={n}, d={d}) directions");
        }
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "must be positive");

        var transforms = new LayerTransform[layers.Count];
        for (int i = 0; i < layers.Count; i++) transforms[i] = FitUnrotated(layers[i].Rank == 2 ? layers[i] : layers[i].Flatten(1), components);
        var target = ToMatrix(transforms[^1].Apply(layers[^1]));
        for (int i = 0; i < layers.Count - 1; i++)
        {
            var y = ToMatrix(transforms[i].Apply(layers[i]));
            transforms[i].Rotation = Procrustes(y, target);
        }
        return transforms;
    }

    /// <summary>The orthogonal R minimising ||Y R - T||_F: U V^T from the SVD of Y^T T.</summary>
    public static float[] Procrustes(Matrix<double> y, Matrix<double> target)
    {
        var svd = (y.TransposeThisAndMultiply(target)).Svd(true);
        var r = svd.U * svd.VT;
        return ToRowMajor(r);
    }

    private static LayerTransform FitUnrotated(Tensor x, int p)
    {
        int n = x.Size(0), d = x.Size(1);
        var mean = x.Mean(0).Contiguous().ToArray();
        var centred = x - Tensor.FromArray(mean, 1, d);
        // The right singular vectors of X are the eigenvectors of X^T X; d x d is far cheaper than an n x d SVD.
        var gram = ToMatrix(centred.T.MatMul(centred));
        var evd = gram.Evd(Symmetricity.Symmetric);
        var basis = new float[d * p];
        for (int k = 0; k < p; k++)
        {
            int col = d - 1 - k; // MathNet sorts symmetric eigenvalues ascending
            int argMax = 0;
            for (int r = 1; r < d; r++) if (Math.Abs(evd.EigenVectors[r, col]) > Math.Abs(evd.EigenVectors[argMax, col])) argMax = r;
            double sign = evd.EigenVectors[argMax, col] < 0 ? -1 : 1;
            for (int r = 0; r < d; r++) basis[r * p + k] = (float)(sign * evd.EigenVectors[r, col]);
        }
        var projected = centred.MatMul(Tensor.FromArray(basis, d, p));
        double frob = Math.Sqrt(projected.Pow(2f).Sum().Item());
        float scale = (float)Math.Max(frob / 100.0, 1e-12);
        var identity = new float[p * p];
        for (int k = 0; k < p; k++) identity[k * p + k] = 1f;
        return new LayerTransform(mean, basis, p, scale, identity);
    }

    /// <summary>A float tensor [r, c] as a double matrix.</summary>
    public static Matrix<double> ToMatrix(Tensor t)
    {
        var c = t.Contiguous();
        int rows = c.Size(0), cols = c.Size(1);
        var data = c.ToArray();
        return Matrix<double>.Build.Dense(rows, cols, (i, j) => data[i * cols + j]);
    }

    /// <summary>A double matrix as a float tensor.</summary>
    public static Tensor ToTensor(Matrix<double> m) => Tensor.FromArray(ToRowMajor(m), m.RowCount, m.ColumnCount);

    private static float[] ToRowMajor(Matrix<double> m)
    {
        var result = new float[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) result[i * m.ColumnCount + j] = (float)m[i, j];
        return result;
    }
}
