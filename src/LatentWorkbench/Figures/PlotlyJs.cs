namespace LatentWorkbench.Figures;

/// <summary>Locates the plotly.js bundle to inline into standalone HTML and notebook outputs.</summary>
public static class PlotlyJs
{
    /// <summary>The pinned version of the npm package plotly.js-dist-min.</summary>
    public const string Version = "4.1.2";

    /// <summary>CDN copy of the pinned npm package, referenced when no local bundle is inlined (and by notebook HTML when the page has no Plotly).</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js";

    /// <summary>Attribute on the element of <see cref="LibraryHtml"/>, so reports can recognise and drop it (they inline plotly.js once in the head).</summary>
    public const string LibraryMarker = "data-lwb-plotlyjs";

    /// <summary>Environment variable naming a plotly.min.js to inline; overrides the search.</summary>
    public const string EnvironmentVariable = "LWB_PLOTLYJS";

    /// <summary>Where npm puts the bundle of plotly.js-dist-min (the project pins 4.1.2).</summary>
    public static readonly string BundleRelativePath = Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>
    /// The bundle to inline: <see cref="EnvironmentVariable"/>, else the verified cache, else node_modules, else the
    /// npm registry tarball downloaded into the cache (see <see cref="PlotlyJsBundle"/>); null when none can be had.
    /// </summary>
    public static string? FindBundle() => PlotlyJsBundle.Load(out _)?.Path;

    /// <summary>
    /// The HTML a notebook shows once per session, before its first figure: plotly.js inlined so every figure's
    /// fragment can draw offline in any front end. When no bundle can be had, a visible warning that loads the CDN
    /// as a last resort; <paramref name="problem"/> then says why (else null).
    /// </summary>
    public static string LibraryHtml(out string? problem)
    {
        if (PlotlyJsBundle.Load(out var problems) is { } bundle)
        {
            problem = null;
            return PlotlyHtml.Library(bundle.Text, Version);
        }
        problem = string.Join("; ", problems);
        return PlotlyHtml.CdnLibrary(problem);
    }

    /// <summary>The bundle named by <paramref name="environmentValue"/> (an error if missing), else the first found walking up from each start folder.</summary>
    public static string? FindBundle(string? environmentValue, IEnumerable<string> startDirectories)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            if (File.Exists(environmentValue)) return Path.GetFullPath(environmentValue);
            throw new FileNotFoundException($"{EnvironmentVariable} is set to '{environmentValue}', but no file exists there; point it at plotly.min.js or unset it.", environmentValue);
        }
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, BundleRelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
