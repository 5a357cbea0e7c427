using LatentWorkbench.Figures;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// The plotly.js element of a report: plotly.js-dist-min inlined whenever a bundle can be had (so reports work
/// offline), a reference to <see cref="PlotlyJs.CdnUrl"/> only as the last resort, with a warning. Finding or fetching
/// the bundle is <see cref="PlotlyJsBundle"/>'s job.
/// </summary>
public static class PlotlyScript
{
    /// <summary>
    /// The local plotly.min.js: $LWB_PLOTLYJS, the verified data cache, node_modules in the given folders and their
    /// ancestors, else the npm registry tarball downloaded into the cache; null when none can be had (a warning on stderr says why).
    /// </summary>
    public static string? Find(params string?[] startDirectories)
    {
        var starts = startDirectories.Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).ToArray();
        if (PlotlyJsBundle.Find(LatentWorkbench.Data.DataDirectories.CacheRoot(), starts, out _) is { } local) return local;
        if (PlotlyJsBundle.Load(out var problems) is { } fetched) return fetched.Path;
        Console.Error.WriteLine($"warning: no plotly.js bundle could be had ({string.Join("; ", problems)}); the HTML report references {PlotlyJs.CdnUrl} and needs network access to draw its figures.");
        return null;
    }

    /// <summary>A <c>&lt;script&gt;</c> element loading plotly.js: inline when <paramref name="localFile"/> is given, else from the CDN.</summary>
    public static string ScriptElement(string? localFile)
    {
        if (localFile is null) return $"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>";
        // "</script" inside the bundle would end the element early; "<\/" means the same to JavaScript.
        var code = File.ReadAllText(localFile).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script>{code}</script>";
    }
}
