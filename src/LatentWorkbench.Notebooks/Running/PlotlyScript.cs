using LatentWorkbench.Figures;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// The plotly.js element of a report: the npm package <c>plotly.js-dist-min</c> inlined when found (so reports work
/// offline), otherwise a reference to <see cref="PlotlyJs.CdnUrl"/>. Finding the bundle is <see cref="PlotlyJs"/>'s job.
/// </summary>
public static class PlotlyScript
{
    /// <summary>The local plotly.min.js: $LWB_PLOTLYJS, else node_modules in the given folders and their ancestors.</summary>
    public static string? Find(params string?[] startDirectories) =>
        PlotlyJs.FindBundle(Environment.GetEnvironmentVariable(PlotlyJs.EnvironmentVariable),
            startDirectories.Where(d => !string.IsNullOrEmpty(d)).Select(d => d!));

    /// <summary>A <c>&lt;script&gt;</c> element loading plotly.js: inline when <paramref name="localFile"/> is given, else from the CDN.</summary>
    public static string ScriptElement(string? localFile)
    {
        if (localFile is null) return $"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>";
        // "</script" inside the bundle would end the element early; "<\/" means the same to JavaScript.
        var code = File.ReadAllText(localFile).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script>{code}</script>";
    }
}
