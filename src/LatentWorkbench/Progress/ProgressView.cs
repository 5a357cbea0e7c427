using System.Globalization;
using System.Net;
using LatentWorkbench.Display;

namespace LatentWorkbench.Progress;

/// <summary>One state of a progress bar as a notebook output: an HTML bar with the text line, and the line as plain text.</summary>
/// <param name="Fraction">Done, in [0, 1].</param>
/// <param name="Line">The terminal line: label, counts, rate, elapsed, ETA, status.</param>
public sealed record ProgressView(double Fraction, string Line) : IMimeRenderable
{
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object> ToMimeBundle()
    {
        var percent = (Math.Clamp(Fraction, 0, 1) * 100).ToString("0.#", CultureInfo.InvariantCulture);
        var html = $"<div class=\"lwb-progress\" style=\"font-family:monospace;font-size:12px;display:flex;align-items:center;gap:8px\">" +
                   $"<progress max=\"100\" value=\"{percent}\" style=\"width:160px\"></progress>" +
                   $"<span>{WebUtility.HtmlEncode(Line)}</span></div>";
        return new Dictionary<string, object> { ["text/plain"] = Line, ["text/html"] = html };
    }
}
