namespace LatentWorkbench.Display;

/// <summary>
/// An object that knows how to show itself in a notebook: it returns one representation per MIME type
/// (for example <c>text/plain</c>, <c>text/html</c>, <c>application/vnd.plotly.v1+json</c>, <c>image/png</c>).
/// </summary>
/// <remarks>
/// Values are <see cref="string"/> for text formats (and base64 for <c>image/png</c>), and either a
/// <c>System.Text.Json.Nodes.JsonNode</c> or a JSON <see cref="string"/> for JSON formats (<c>application/json</c>,
/// <c>application/*+json</c>). The notebook front end picks the richest type it can render.
/// </remarks>
public interface IMimeRenderable
{
    /// <summary>The representations of this object keyed by MIME type.</summary>
    IReadOnlyDictionary<string, object> ToMimeBundle();
}
