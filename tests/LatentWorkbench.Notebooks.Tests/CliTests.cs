using System.Diagnostics;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class CliTests
{
    private static (int ExitCode, string Output) Lwb(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lwb.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void Device_commands_say_which_gpu_or_why_none_and_bench_refuses_a_missing_gpu()
    {
        using var temp = TestFiles.TempFolder();
        var info = Lwb(temp.Path, "device", "info");
        Assert.Equal(0, info.ExitCode);
        Assert.StartsWith("cuda: ", info.Output);
        if (Engine.Cuda.CudaRuntime.IsAvailable) return; // the GPU path itself is checked by `lwb device check` on the GPU machine
        Assert.Contains("not available (", info.Output);
        var check = Lwb(temp.Path, "device", "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error: device check: no usable GPU (", check.Output);
        var bench = Lwb(temp.Path, "bench", "latent-iterate", "--device", "cuda");
        Assert.Equal(1, bench.ExitCode);
        Assert.Contains("--device cuda: no usable GPU", bench.Output);
        var noGpuVersion = Lwb(temp.Path, "bench", "h0", "--device", "cuda");
        Assert.Contains("workload 'h0' has no GPU version yet", noGpuVersion.Output);
    }

    [Fact]
    public void Notebook_new_then_run_through_the_cli()
    {
        using var temp = TestFiles.TempFolder();
        var created = Lwb(temp.Path, "notebook", "new", "fresh.ipynb");
        Assert.Equal(0, created.ExitCode);

        var ok = Lwb(temp.Path, "notebook", "run", "fresh.ipynb", "--quick", "--param", "Seed=3");
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains("cell 3/3", ok.Output);
        var executed = NotebookFile.Read(temp.File("notebooks/out/fresh.ipynb"));
        Assert.Equal(new StreamOutput("stdout", "epochs: 1, seed: 3\n"), Assert.Single(executed.Cells[3].Outputs));

        NotebookBuilder.Write(temp.File("broken.ipynb"), null, "Console.WriteLine(\"kept\");", "throw new Exception(\"stop\");");
        var failed = Lwb(temp.Path, "notebook", "run", "broken.ipynb", "--output", "o");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("FAILED at cell 3", failed.Output);
        Assert.Equal(new StreamOutput("stdout", "kept\n"), Assert.Single(NotebookFile.Read(temp.File("o/broken.ipynb")).Cells[1].Outputs));

        var badParam = Lwb(temp.Path, "notebook", "run", "fresh.ipynb", "--param", "Seed");
        Assert.Equal(2, badParam.ExitCode);
        Assert.Contains("name=value", badParam.Output);
    }
}
