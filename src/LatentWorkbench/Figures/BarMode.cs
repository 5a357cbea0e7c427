namespace LatentWorkbench.Figures;

/// <summary>How bars and histograms at the same position share space.</summary>
public enum BarMode
{
    /// <summary>Side by side.</summary>
    Group,
    /// <summary>On top of each other, drawn translucent (compare distributions).</summary>
    Overlay,
    /// <summary>Stacked.</summary>
    Stack,
}
