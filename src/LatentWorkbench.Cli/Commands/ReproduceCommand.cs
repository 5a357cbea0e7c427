using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentWorkbench.Experiments;
using LatentWorkbench.Reproduction;

namespace LatentWorkbench.Cli.Commands;

/// <summary>
/// <c>lwb reproduce &lt;experiment&gt;|all|report [--quick] [--json] [--seed n | --seeds 0,1,2]</c>: runs a paper
/// experiment with the notebooks' code; <c>all</c> runs every experiment for each seed and keeps the results in
/// results/; <c>report</c> regenerates REPRODUCTION.md from them.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("experiment") { Description = "Experiment name, 'all' (every experiment, results/ kept) or 'report' (writes REPRODUCTION.md from results/)" };
        var quick = new Option<bool>("--quick") { Description = "CI-sized run: fewer epochs and samples" };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line" };
        var seed = new Option<ulong>("--seed") { Description = "Seed for every random choice", DefaultValueFactory = _ => 0UL };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seeds, e.g. 0,1,2: the experiment runs once per seed and results/<experiment>.json keeps mean and sd" };
        var results = new Option<string>("--results") { Description = "Folder of the per-experiment result files", DefaultValueFactory = _ => ReproductionRun.DefaultDirectory };
        var description = "Reproduce a paper experiment: " + string.Join(", ", ExperimentCatalog.All.Select(e => $"{e.Name} ({e.Description})"));
        var command = new Command("reproduce", description);
        command.Arguments.Add(name);
        command.Options.Add(quick);
        command.Options.Add(json);
        command.Options.Add(seed);
        command.Options.Add(seeds);
        command.Options.Add(results);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string experimentName = parse.GetValue(name)!;
            string folder = parse.GetValue(results)!;
            if (experimentName == "report")
            {
                ReproductionReport.Write("REPRODUCTION.md", folder);
                Console.WriteLine($"wrote REPRODUCTION.md from {folder}/");
                return;
            }
            var experiments = experimentName == "all" ? ExperimentCatalog.All : [ExperimentCatalog.Get(experimentName)];
            var seedList = parse.GetValue(seeds) is { } list ? ParseSeeds(list) : null;
            bool asJson = parse.GetValue(json);
            var stdout = Console.Out;
            // With --json, stdout carries only the summary; progress and logs go to stderr.
            if (asJson) Console.SetOut(Console.Error);
            try
            {
                JsonNode result;
                if (seedList is null && experiments.Count == 1)
                {
                    result = experiments[0].Run(parse.GetValue(quick), parse.GetValue(seed));
                }
                else
                {
                    var all = new JsonObject();
                    foreach (var experiment in experiments)
                        all[experiment.Name] = ReproductionRun.Run(experiment, parse.GetValue(quick), seedList ?? [parse.GetValue(seed)], folder,
                            line => Console.Error.WriteLine(line))["summary"]?.DeepClone();
                    result = experiments.Count == 1 ? all[experiments[0].Name]! : all;
                    Console.Error.WriteLine($"results kept in {folder}/; `lwb reproduce report` regenerates REPRODUCTION.md");
                }
                stdout.WriteLine(asJson ? result.ToJsonString() : result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            finally
            {
                Console.SetOut(stdout);
            }
        }));
        return command;
    }

    private static ulong[] ParseSeeds(string list)
    {
        var parts = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ArgumentException($"--seeds: expected comma-separated non-negative integers such as 0,1,2, got '{list}'");
        return parts.Select(p => ulong.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s)
            ? s
            : throw new ArgumentException($"--seeds: '{p}' is not a non-negative integer (expected e.g. 0,1,2)")).ToArray();
    }
}
