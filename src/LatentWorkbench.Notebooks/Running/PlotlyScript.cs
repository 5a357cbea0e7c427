namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// Where reports get plotly.js: the npm package <c>plotly.js-dist-min</c> inlined when found (so reports work
/// offline), otherwise a CDN reference.
/// </summary>
public static class PlotlyScript
{
    /// <summary>Environment variable naming plotly.min.js (or a folder holding it).</summary>
    public const string EnvironmentVariable = "LWB_PLOTLYJS";

    /// <summary>The CDN used when no local copy exists (same version as the npm package the workbench pins).</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js";

    private const string PackageFile = "node_modules/plotly.js-dist-min/plotly.min.js";

    /// <summary>The local plotly.min.js, searching the environment variable then <c>node_modules</c> in the given folders and their ancestors.</summary>
    public static string? Find(params string?[] startDirectories)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (File.Exists(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            foreach (var candidate in new[] { Path.Combine(fromEnvironment, "plotly.min.js"), Path.Combine(fromEnvironment, PackageFile) })
                if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        foreach (var start in startDirectories)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, PackageFile);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>A <c>&lt;script&gt;</c> element loading plotly.js: inline when <paramref name="localFile"/> is given, else from the CDN.</summary>
    public static string ScriptElement(string? localFile)
    {
        if (localFile is null) return $"<script src=\"{CdnUrl}\" charset=\"utf-8\"></script>";
        // "</script" inside the bundle would end the element early; "<\/" means the same to JavaScript.
        var code = File.ReadAllText(localFile).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script>{code}</script>";
    }
}
