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
