namespace LatentWorkbench.Graphs;

/// <summary>Edge weights of a kNN graph (lfmap's kernels).</summary>
public enum GraphKernel
{
    /// <summary>exp(-4 d^2 / d_k(x_i)^2) with d_k the distance to the k-th neighbour; symmetrised by averaging.</summary>
    Gaussian,

    /// <summary>Weight 1 (connectivity); symmetrised by max.</summary>
    Uniform,

    /// <summary>Weight d (the distance itself); symmetrised by max.</summary>
    Distance,

    /// <summary>Weight 1/d; symmetrised by max.</summary>
    Singular,
}
