namespace LatentWorkbench.Display;

/// <summary>An object that renders itself as a notebook output: MIME type to payload (string, or JsonNode for JSON types).</summary>
public interface IMimeRenderable
{
    /// <summary>The representations of this object keyed by MIME type.</summary>
    IReadOnlyDictionary<string, object> ToMimeBundle();
}
