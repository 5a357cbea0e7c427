using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LatentWorkbench.Data;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>Writes the kernelspec folder (<c>kernel.json</c>) that tells Jupyter how to start this kernel.</summary>
public static partial class KernelSpec
{
    /// <summary>
    /// The kernel name used when none is given: the name .NET Interactive's C# kernel had, which every workbench notebook
    /// (and every notebook written for .NET Interactive) names in its metadata, so front ends start this kernel without asking.
    /// </summary>
    public const string DefaultName = ".net-csharp";

    [GeneratedRegex("^[a-z0-9._-]+$")]
    private static partial Regex ValidName();

    /// <summary>
    /// The kernels folder Jupyter searches: per user (<c>$JUPYTER_DATA_DIR/kernels</c> or <c>~/.local/share/jupyter/kernels</c>),
    /// under a prefix (<c>P/share/jupyter/kernels</c>), or system-wide (<c>/usr/local/share/jupyter/kernels</c>).
    /// </summary>
    public static string KernelsDirectory(bool user, string? prefix)
    {
        if (user && prefix is not null) throw new ArgumentException("Choose either a per-user install or a prefix, not both.", nameof(prefix));
        if (prefix is not null) return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        if (user)
        {
            var dataDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
            if (!string.IsNullOrEmpty(dataDir)) return Path.Combine(Path.GetFullPath(dataDir), "kernels");
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return OperatingSystem.IsMacOS()
                ? Path.Combine(home, "Library", "Jupyter", "kernels")
                : Path.Combine(home, ".local", "share", "jupyter", "kernels");
        }
        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "jupyter", "kernels")
            : "/usr/local/share/jupyter/kernels";
    }

    /// <summary>
    /// The command that starts the running program again: the native executable, or <c>dotnet path/to/app.dll</c>
    /// when it was started through the dotnet host (as from a test or <c>dotnet app.dll</c>).
    /// </summary>
    public static IReadOnlyList<string> CurrentLauncher()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which executable is running (Environment.ProcessPath is null).");
        var entry = Assembly.GetEntryAssembly()?.Location;
        var isHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isHost && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
    }

    /// <summary>
    /// The <c>kernel.json</c> document for a launcher command (the arguments that start the kernel are appended).
    /// <paramref name="environment"/> goes into its <c>env</c>, so a kernel started from a notebook anywhere finds the
    /// same data and model cache as the command line.
    /// </summary>
    public static JsonObject KernelJson(IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (launcher.Count == 0) throw new ArgumentException("The launcher command is empty.", nameof(launcher));
        var argv = new JsonArray();
        foreach (var part in launcher) argv.Add(part);
        foreach (var part in new[] { "kernel", "start", "-f", "{connection_file}" }) argv.Add(part);
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = KernelInfo.DisplayName,
            ["language"] = KernelInfo.Language,
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
            ["env"] = Env(environment),
        };
    }

    private static JsonObject Env(IReadOnlyDictionary<string, string>? environment)
    {
        var env = new JsonObject();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) env[name] = value;
        return env;
    }

    /// <summary>
    /// The environment a kernelspec installed now should carry: the data cache root (datasets, plotly.js and
    /// data/models), so a kernel started from a notebook outside the repository uses the same caches.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DefaultEnvironment(string dataDirectory) =>
        new Dictionary<string, string> { [DataDirectories.CacheVariable] = Path.GetFullPath(dataDirectory) };

    /// <summary>
    /// Installs the kernelspec as <paramref name="kernelsDirectory"/>/<paramref name="name"/>, replacing any previous one.
    /// The folder is built next to its destination and renamed into place, so Jupyter never sees a half-written spec.
    /// Returns the installed folder.
    /// </summary>
    public static string Install(string kernelsDirectory, string name, IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelsDirectory);
        if (string.IsNullOrEmpty(name) || !ValidName().IsMatch(name))
            throw new ArgumentException($"Kernel name '{name}' is invalid: use lowercase letters, digits, '.', '_' and '-'.", nameof(name));
        var json = KernelJson(launcher, environment).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        Directory.CreateDirectory(kernelsDirectory);
        var target = Path.Combine(kernelsDirectory, name);
        var staging = Path.Combine(kernelsDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        var retired = Path.Combine(kernelsDirectory, $".{name}.{Guid.NewGuid():N}.old");
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, "kernel.json"), json + "\n");
            if (Directory.Exists(target)) Directory.Move(target, retired);
            Directory.Move(staging, target);
        }
        catch
        {
            if (!Directory.Exists(target) && Directory.Exists(retired)) Directory.Move(retired, target);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (Directory.Exists(retired)) Directory.Delete(retired, recursive: true);
        }
        return target;
    }
}
