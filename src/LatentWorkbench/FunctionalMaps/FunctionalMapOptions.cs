namespace LatentWorkbench.FunctionalMaps;

/// <summary>Weights and iteration limits of the functional-map objective (paper defaults).</summary>
public sealed record FunctionalMapOptions
{
    /// <summary>Descriptor preservation weight w_d.</summary>
    public double DescriptorWeight { get; init; } = 1.0;

    /// <summary>Laplacian commutativity weight w_lap.</summary>
    public double LaplacianWeight { get; init; } = 1e-3;

    /// <summary>Descriptor-operator commutativity weight w_dcomm.</summary>
    public double CommutativityWeight { get; init; } = 0.1;

    /// <summary>Basis size k used for the map.</summary>
    public int BasisSize { get; init; } = 40;

    /// <summary>L-BFGS iteration limit.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Stop when the gradient norm falls below this.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>ZoomOut: final basis size (0 skips refinement).</summary>
    public int ZoomOutTo { get; init; } = 50;

    /// <summary>ZoomOut steps from <see cref="BasisSize"/> to <see cref="ZoomOutTo"/>.</summary>
    public int ZoomOutSteps { get; init; } = 10;
}
