namespace LatentWorkbench.FunctionalMaps;

/// <summary>The family of maps fitted between matched latent points.</summary>
public enum TransferKind
{
    /// <summary>y = x W (least squares).</summary>
    Linear,

    /// <summary>y = x R with R orthogonal (Procrustes).</summary>
    Orthogonal,

    /// <summary>y = x W + b (least squares).</summary>
    Affine,

    /// <summary>y = (x - mean_x) R + mean_y with R orthogonal: Procrustes on centred pairs, the same family as the Procrustes baseline.</summary>
    Rigid,
}
