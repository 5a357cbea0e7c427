using LatentWorkbench.Data;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>
/// A fact that needs Debian's classic Jupyter Notebook, Debian's chromium and the plotly.js bundle. In CI (CI set) it
/// always runs, so a missing piece fails with install instructions; elsewhere a missing piece, or LWB_SKIP_BROWSER=1,
/// reports it as skipped with the reason.
/// </summary>
public sealed class JupyterBrowserFactAttribute : FactAttribute
{
    /// <summary>Debian's chromium (never a downloaded browser).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Debian's classic Notebook server (package jupyter-notebook, 6.4.x).</summary>
    public const string NotebookPath = "/usr/bin/jupyter-notebook";

    public JupyterBrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LWB_SKIP_BROWSER") == "1")
            Skip = "LWB_SKIP_BROWSER=1 is set.";
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = MissingPiece();
    }

    /// <summary>What is missing to run the test, with the command that installs it; null when all is there.</summary>
    public static string? MissingPiece()
    {
        if (!File.Exists(ChromiumPath))
            return $"{ChromiumPath} is not installed (apt-get install chromium); CI installs it and runs this test.";
        if (!File.Exists(NotebookPath))
            return $"{NotebookPath} is not installed (apt-get install jupyter-notebook); CI installs it and runs this test.";
        try
        {
            var root = DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory);
            if (root is null || PlotlyJsBundle.Find(Path.Combine(root, "data"), [root], out _) is null)
                return "plotly.js is not cached (run `lwb data fetch plotly.js` or `npm install` in the repository root); CI installs it and runs this test.";
        }
        catch (FileNotFoundException e)
        {
            return e.Message;
        }
        return null;
    }
}
