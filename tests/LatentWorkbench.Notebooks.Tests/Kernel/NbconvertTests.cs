using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>
/// End to end with Debian's Jupyter: <c>lwb kernel install --prefix</c>, then <c>jupyter nbconvert --execute</c>
/// through nbclient and jupyter_client, then the executed notebook's outputs.
/// </summary>
public class NbconvertTests(ITestOutputHelper output)
{
    private const string Jupyter = "/usr/bin/jupyter";

    private static JsonObject CodeCell(string source) => new()
    {
        ["cell_type"] = "code", ["execution_count"] = null, ["id"] = Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = source,
    };

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> environment) =>
        ChildProcess.Run(file, args, workingDirectory, environment, TimeSpan.FromMinutes(10));

    [Fact]
    public void Jupyter_executes_a_notebook_with_state_display_and_an_allowed_error()
    {
        Assert.True(File.Exists(Jupyter), $"{Jupyter} is required (Debian packages jupyter-nbconvert, python3-nbclient, jupyter-client).");
        var root = Directory.CreateTempSubdirectory("lwb-nbconvert-");
        try
        {
            var prefix = Path.Combine(root.FullName, "prefix");
            var name = $"lwb-test-{Guid.NewGuid():N}"[..20];
            var environment = new Dictionary<string, string>
            {
                ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"),
                ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root.FullName, "runtime"),
                ["JUPYTER_DATA_DIR"] = Path.Combine(root.FullName, "data"),
                ["JUPYTER_CONFIG_DIR"] = Path.Combine(root.FullName, "config"),
            };

            var install = Run(KernelProcess.DotnetHost, [KernelProcess.LwbDll, "kernel", "install", "--prefix", prefix, "--name", name], root.FullName, environment);
            Assert.True(install.ExitCode == 0, install.Output);
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", name, "kernel.json")))!;
            Assert.Equal(KernelProcess.LwbDll, spec["argv"]![1]!.GetValue<string>());

            var notebook = new JsonObject
            {
                ["nbformat"] = 4, ["nbformat_minor"] = 5,
                ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = name, ["display_name"] = "C#", ["language"] = "csharp" } },
                ["cells"] = new JsonArray(
                    CodeCell("var numbers = new List<int> { 1, 2, 3 };\nConsole.WriteLine($\"count {numbers.Count}\");"),
                    CodeCell("numbers.Sum() * 10"),
                    CodeCell("record Point3(int X, int Y, int Z);\ndisplay(new Point3(1, 2, 3));"),
                    CodeCell("throw new InvalidOperationException(\"planned failure\");"),
                    CodeCell("numbers.Count + 1")),
            };
            var input = Path.Combine(root.FullName, "in.ipynb");
            File.WriteAllText(input, notebook.ToJsonString());

            var clock = Stopwatch.StartNew();
            var convert = Run(Jupyter, ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", $"--ExecutePreprocessor.kernel_name={name}",
                "--ExecutePreprocessor.timeout=300", "--output", "out.ipynb", input], root.FullName, environment);
            output.WriteLine($"nbconvert took {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(convert.ExitCode == 0, convert.Output);

            var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(root.FullName, "out.ipynb")))!;
            Assert.Equal("C#", executed["metadata"]!["language_info"]!["name"]!.GetValue<string>());
            var cells = executed["cells"]!.AsArray().Select(c => c!.AsObject()).ToArray();
            Assert.Equal([1, 2, 3, 4, 5], cells.Select(c => c["execution_count"]!.GetValue<int>()));
            JsonObject Only(int cell) => Assert.Single(cells[cell]["outputs"]!.AsArray())!.AsObject();
            static string Text(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node!.GetValue<string>();

            var stream = Only(0);
            Assert.Equal("stream", stream["output_type"]!.GetValue<string>());
            Assert.Equal("stdout", stream["name"]!.GetValue<string>());
            Assert.Equal("count 3\n", Text(stream["text"]));

            var result = Only(1);
            Assert.Equal("execute_result", result["output_type"]!.GetValue<string>());
            Assert.Equal(2, result["execution_count"]!.GetValue<int>());
            Assert.Equal("60", Text(result["data"]!["text/plain"]));

            var display = Only(2);
            Assert.Equal("display_data", display["output_type"]!.GetValue<string>());
            Assert.Contains("X = 1, Y = 2, Z = 3", Text(display["data"]!["text/plain"]));

            var error = Only(3);
            Assert.Equal("error", error["output_type"]!.GetValue<string>());
            Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
            Assert.Equal("planned failure", error["evalue"]!.GetValue<string>());

            Assert.Equal("4", Text(Only(4)["data"]!["text/plain"]));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
