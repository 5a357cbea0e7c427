using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using LatentWorkbench.Notebooks.Kernel;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>
/// Runs <c>lwb kernel start</c> as a child process (the CLI's lwb.dll is copied next to the tests) with an ipc
/// connection file in a temporary folder, so no TCP ports can clash. Captures stderr for diagnostics.
/// </summary>
internal sealed class KernelProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly DirectoryInfo _directory;

    public KernelProcess(string key = "test-key-0123")
    {
        _directory = Directory.CreateTempSubdirectory("lwb-kernel-");
        ConnectionFile = Path.Combine(_directory.FullName, "connection.json");
        var prefix = Path.Combine(_directory.FullName, "k");
        File.WriteAllText(ConnectionFile, $$"""
            {"transport": "ipc", "ip": "{{prefix}}", "shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4,
             "hb_port": 5, "key": "{{key}}", "signature_scheme": "hmac-sha256", "kernel_name": "latentworkbench"}
            """);
        Connection = ConnectionInfo.Load(ConnectionFile);
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = _directory.FullName };
        foreach (var arg in new[] { LwbDll, "kernel", "start", "-f", ConnectionFile }) start.ArgumentList.Add(arg);
        Started = Stopwatch.StartNew();
        Process = Process.Start(start) ?? throw new InvalidOperationException("could not start the kernel process");
        Process.ErrorDataReceived += (_, e) => { lock (_stderr) _stderr.AppendLine(e.Data); };
        Process.OutputDataReceived += (_, _) => { };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
    }

    public Process Process { get; }

    public Stopwatch Started { get; }

    public string ConnectionFile { get; }

    public ConnectionInfo Connection { get; }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>The CLI assembly copied into the test output folder by the project reference.</summary>
    public static string LwbDll => Path.Combine(AppContext.BaseDirectory, "lwb.dll");

    /// <summary>The <c>dotnet</c> host of the running runtime (…/shared/Microsoft.NETCore.App/&lt;version&gt;/ is three levels below it).</summary>
    public static string DotnetHost
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(host) ? host : "dotnet";
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // ipc socket files can linger briefly; the temp folder is harmless.
        }
    }
}
