namespace LatentWorkbench.FunctionalMaps;

/// <summary>The distortion of a functional map lifted back to the source points (see <see cref="MapDistortion"/>).</summary>
/// <param name="PerPoint">diag(Phi |C^T C - I| Phi^T): distortion energy at each source point, [n].</param>
/// <param name="LeadingFunction">The eigenfunction of C^T C - I with the largest |eigenvalue|, on the points, [n] (signed so its largest-magnitude entry is positive).</param>
/// <param name="LeadingEigenvalue">Its eigenvalue (negative: the map loses that function; positive: it amplifies it).</param>
/// <param name="Eigenvalues">All eigenvalues of C^T C - I, by decreasing magnitude, [k].</param>
/// <param name="SpectralX">The source's first non-constant eigenvector [n] (for plotting); null when the basis has fewer than 3 functions.</param>
/// <param name="SpectralY">The source's second non-constant eigenvector [n]; null like <paramref name="SpectralX"/>.</param>
public sealed record MapDistortionResult(double[] PerPoint, double[] LeadingFunction, double LeadingEigenvalue, double[] Eigenvalues,
    double[]? SpectralX, double[]? SpectralY)
{
    /// <summary>Mean per-point distortion of each class 0..classes-1, [classes] (NaN for an empty class); <paramref name="labels"/> [n].</summary>
    public double[] PerClassMean(IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != PerPoint.Length) throw new ArgumentException($"labels: {labels.Count} labels for {PerPoint.Length} points", nameof(labels));
        var sum = new double[classes];
        var count = new int[classes];
        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"label at {i} must be in 0..{classes - 1}");
            sum[labels[i]] += PerPoint[i];
            count[labels[i]]++;
        }
        for (int c = 0; c < classes; c++) sum[c] = count[c] == 0 ? double.NaN : sum[c] / count[c];
        return sum;
    }

    /// <summary>The class with the highest mean distortion (<see cref="PerClassMean"/>), or -1 when no class has points.</summary>
    public int MostDistortedClass(IReadOnlyList<int> labels, int classes)
    {
        var mean = PerClassMean(labels, classes);
        int best = -1;
        for (int c = 0; c < classes; c++) if (!double.IsNaN(mean[c]) && (best < 0 || mean[c] > mean[best])) best = c;
        return best;
    }
}
