namespace LatentWorkbench.Figures;

/// <summary>Locates the plotly.js bundle to inline into standalone HTML.</summary>
public static class PlotlyJs
{
    /// <summary>CDN copy of the pinned npm package, referenced when no local bundle is inlined (and by notebook HTML when the page has no Plotly).</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js";

    /// <summary>Environment variable naming a plotly.min.js to inline; overrides the search.</summary>
    public const string EnvironmentVariable = "LWB_PLOTLYJS";

    /// <summary>Where npm puts the bundle of plotly.js-dist-min (the project pins 4.1.2).</summary>
    public static readonly string BundleRelativePath = Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>
    /// The bundle path from <see cref="EnvironmentVariable"/>, else the first node_modules/plotly.js-dist-min/plotly.min.js
    /// found walking up from the current directory and then from the application directory; null when there is none.
    /// </summary>
    public static string? FindBundle() =>
        FindBundle(Environment.GetEnvironmentVariable(EnvironmentVariable), [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

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
