using System.CommandLine;
using System.Globalization;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb notebook run|publish|new</c>: execute notebooks headlessly (papermill style), publish their reports, create new ones.</summary>
internal static class NotebookCommand
{
    public static Command Create()
    {
        var command = new Command("notebook", "Run notebooks headlessly and create new ones");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreatePublish());
        command.Subcommands.Add(CreateNew());
        return command;
    }

    private static Command CreateRun()
    {
        var inputs = new Argument<string[]>("notebooks") { Description = "Notebook files (.ipynb/.dib) or folders (every *.ipynb, sorted)", Arity = ArgumentArity.OneOrMore };
        var quick = new Option<bool>("--quick") { Description = "Inject Quick = true for a fast smoke-test run" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "Override a parameter: name=value (repeatable)" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for executed notebooks and HTML reports", DefaultValueFactory = _ => NotebookRunOptions.DefaultOutputDirectory };
        var stopOnError = new Option<bool>("--stop-on-error") { Description = "After a notebook fails, skip the remaining notebooks" };
        var timeout = new Option<double?>("--cell-timeout") { Description = "Abandon a cell after this many seconds" };
        var noHtml = new Option<bool>("--no-html") { Description = "Do not write the HTML report" };

        var run = new Command("run", "Execute notebooks; write executed .ipynb and HTML reports; exit 1 if any cell fails");
        run.Arguments.Add(inputs);
        foreach (var option in new Option[] { quick, parameters, output, stopOnError, timeout, noHtml }) run.Options.Add(option);
        run.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var seconds = parse.GetValue(timeout);
                if (seconds is <= 0) throw new ArgumentException($"--cell-timeout must be positive (got {seconds}).");
                var options = new NotebookRunOptions
                {
                    Quick = parse.GetValue(quick),
                    Parameters = ParseParameters(parse.GetValue(parameters) ?? []),
                    OutputDirectory = parse.GetValue(output) ?? NotebookRunOptions.DefaultOutputDirectory,
                    StopOnError = parse.GetValue(stopOnError),
                    CellTimeout = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
                    WriteHtml = !parse.GetValue(noHtml),
                    Progress = new TextRunProgress(Console.Out),
                };
                var results = await NotebookRunner.RunAllAsync(parse.GetValue(inputs)!, options, cancellationToken);
                int failed = results.Count(r => !r.Succeeded);
                Console.Out.WriteLine(failed == 0
                    ? $"{results.Count} notebook(s) succeeded."
                    : $"{failed} of {results.Count} notebook(s) failed.");
                return failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or ArgumentException or NotebookFormatException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return run;
    }

    private static Command CreatePublish()
    {
        var inputs = new Argument<string[]>("notebooks") { Description = "Notebook files or folders to publish", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the published HTML reports and their index", DefaultValueFactory = _ => "docs/notebooks" };
        var full = new Option<bool>("--full") { Description = "Run with the papers' settings instead of quick mode (hours on 2 cores)" };
        var publish = new Command("publish", "Run notebooks and write their HTML reports, one shared plotly.min.js and an index.html into a folder readers can open without running anything");
        publish.Arguments.Add(inputs);
        publish.Options.Add(output);
        publish.Options.Add(full);
        publish.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var folder = Path.GetFullPath(parse.GetValue(output)!);
                bool quick = !parse.GetValue(full);
                var options = new NotebookRunOptions
                {
                    Quick = quick,
                    HtmlDirectory = folder,
                    SharedPlotlyFile = "plotly.min.js",
                    Progress = new TextRunProgress(Console.Out),
                };
                var results = await NotebookRunner.RunAllAsync(parse.GetValue(inputs)!, options, cancellationToken);
                Directory.CreateDirectory(folder);
                var index = Path.Combine(folder, "index.html");
                AtomicFile.WriteAllText(index, PublishedIndex.Render(results, folder, quick));
                int failed = results.Count(r => !r.Succeeded);
                Console.Out.WriteLine($"published {results.Count - failed} of {results.Count} notebook(s) to {index}");
                return failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or ArgumentException or NotebookFormatException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return publish;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> raw)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var item in raw)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param '{item}' must look like name=value.");
            result.Add(new(item[..eq].Trim(), item[(eq + 1)..]));
        }
        return result;
    }

    private static Command CreateNew()
    {
        var file = new Argument<string>("file") { Description = "New notebook path (.ipynb or .dib)" };
        var title = new Option<string?>("--title") { Description = "Heading of the first markdown cell (default: the file name)" };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file" };
        var create = new Command("new", "Create a C# notebook with a title, a parameters cell (Quick) and a first code cell");
        create.Arguments.Add(file);
        create.Options.Add(title);
        create.Options.Add(force);
        create.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                if (!NotebookFile.IsNotebook(path)) throw new ArgumentException($"'{path}' must end in .ipynb or .dib.");
                if (File.Exists(path) && !parse.GetValue(force)) throw new IOException($"'{path}' already exists (use --force to overwrite).");
                var heading = parse.GetValue(title) ?? Path.GetFileNameWithoutExtension(path);
                NotebookFile.Write(NotebookTemplate.Create(heading), path);
                Console.Out.WriteLine($"created {path}");
                return 0;
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return create;
    }
}
