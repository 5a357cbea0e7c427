namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// Weights and iteration limits of the functional-map objective
/// E(C) = w_d/2 ||C A - B||^2 + w_lap/2 sum C_ij^2 (mu_i - lambda_j)^2 + w_dcomm/2 sum_f ||C P_f - Q_f C||^2;
/// the defaults are the paper's (lfmap).
/// </summary>
public sealed record FunctionalMapOptions
{
    /// <summary>Weight w_d of descriptor preservation ||C A - B||^2 (paper: 1).</summary>
    public double DescriptorWeight { get; init; } = 1.0;

    /// <summary>Weight w_lap of Laplacian commutativity, which favours maps that keep eigenvalues (paper: 1e-3).</summary>
    public double LaplacianWeight { get; init; } = 1e-3;

    /// <summary>Weight w_dcomm of commutativity with the descriptors' multiplication operators (paper: 0.1).</summary>
    public double CommutativityWeight { get; init; } = 0.1;

    /// <summary>Size k of the initial map C [k, k] (paper: 40, then ZoomOut to 50); capped at both bases' sizes.</summary>
    public int BasisSize { get; init; } = 40;

    /// <summary>L-BFGS iteration limit of the initial solve.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>L-BFGS stops once the gradient's Frobenius norm falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Basis size after ZoomOut refinement (paper: 50); at most <see cref="BasisSize"/> skips refinement.</summary>
    public int ZoomOutTo { get; init; } = 50;

    /// <summary>ZoomOut steps from <see cref="BasisSize"/> to <see cref="ZoomOutTo"/> (paper: 10).</summary>
    public int ZoomOutSteps { get; init; } = 10;
}
