namespace LatentWorkbench.Engine.Optim;

/// <summary>How <see cref="OneCycleLR"/> interpolates within a phase.</summary>
public enum AnnealStrategy
{
    /// <summary>Half-cosine: end + (start - end) (1 + cos(pi pct)) / 2.</summary>
    Cos,
    /// <summary>Straight line: start + (end - start) pct.</summary>
    Linear,
}
