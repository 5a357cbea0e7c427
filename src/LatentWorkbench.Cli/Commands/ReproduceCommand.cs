using System.CommandLine;
using System.Text.Json;
using LatentWorkbench.Experiments;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb reproduce &lt;experiment&gt; [--quick] [--json]</c>: runs a paper experiment with the notebooks' code.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("experiment") { Description = "Experiment name; see the list in --help" };
        var quick = new Option<bool>("--quick") { Description = "CI-sized run: fewer epochs and samples" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for every random choice", DefaultValueFactory = _ => 0UL };
        var description = "Reproduce a paper experiment: " + string.Join(", ", ExperimentCatalog.All.Select(e => $"{e.Name} ({e.Description})"));
        var command = new Command("reproduce", description);
        command.Arguments.Add(name);
        command.Options.Add(quick);
        command.Options.Add(json);
        command.Options.Add(seed);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var experiment = ExperimentCatalog.Get(parse.GetValue(name)!);
            bool asJson = parse.GetValue(json);
            var stdout = Console.Out;
            // With --json, stdout carries only the summary; progress and logs go to stderr.
            if (asJson) Console.SetOut(Console.Error);
            try
            {
                var result = experiment.Run(parse.GetValue(quick), parse.GetValue(seed));
                stdout.WriteLine(asJson ? result.ToJsonString() : result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                Console.SetOut(stdout);
            }
        }));
        return command;
    }
}
