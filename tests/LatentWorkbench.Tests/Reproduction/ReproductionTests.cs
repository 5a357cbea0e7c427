using System.Text.Json.Nodes;
using LatentWorkbench.Experiments;
using LatentWorkbench.Reproduction;
using Xunit;

namespace LatentWorkbench.Tests.Reproduction;

public class ReproductionTests
{
    [Fact]
    public void Seed_summary_keeps_agreed_numbers_and_gives_mean_and_sample_sd_of_the_rest()
    {
        var seeds = new[] { "{\"k\": 2, \"name\": \"mnist\", \"x\": 1.0, \"rows\": [{\"a\": 3}, {\"a\": 5}]}",
                            "{\"k\": 2, \"name\": \"mnist\", \"x\": 3.0, \"rows\": [{\"a\": 3}]}" }.Select(s => JsonNode.Parse(s)).ToList();
        var summary = SeedSummary.Combine(seeds)!;
        Assert.Equal(2, summary["k"]!.GetValue<double>());
        Assert.Equal("mnist", summary["name"]!.GetValue<string>());
        var x = SeedSummary.Read(summary["x"])!.Value;
        Assert.Equal(2.0, x.Mean, 12);
        Assert.Equal(Math.Sqrt(2.0), x.Sd, 12); // sample sd of {1, 3}
        Assert.Equal(2, x.Seeds);
        // The second row exists for one seed only: summarised over that seed.
        Assert.Equal(5, SeedSummary.Read(summary["rows"]![1]!["a"])!.Value.Mean);

        // ... also when the first seed is the one that lacks it.
        var reversed = SeedSummary.Combine([seeds[1], seeds[0]])!;
        Assert.Equal(2, reversed["rows"]!.AsArray().Count);
        Assert.Equal(5, SeedSummary.Read(reversed["rows"]![1]!["a"])!.Value.Mean);

        // A model that collapsed in one seed flags the summary, whichever seed it was.
        var flags = SeedSummary.Combine([JsonNode.Parse("{\"degenerate\": false}"), JsonNode.Parse("{\"degenerate\": true}")])!;
        Assert.True(flags["degenerate"]!.GetValue<bool>());
    }

    [Fact]
    public void Result_paths_select_array_rows_by_field_and_index()
    {
        var json = JsonNode.Parse("{\"rows\": [{\"in\": \"mnist\", \"k\": 2, \"v\": 0.5}, {\"in\": \"fashion-mnist\", \"k\": 16, \"v\": 0.7}], \"r\": [{\"v\": 1}, {\"v\": 2}]}");
        Assert.Equal(0.7, ResultPath.Number(json, "rows[in=fashion-mnist,k=16].v")!.Value.Mean);
        Assert.Equal(0.5, ResultPath.Number(json, "rows[k=2].v")!.Value.Mean);
        Assert.Equal(2, ResultPath.Number(json, "r[-1].v")!.Value.Mean);
        Assert.Null(ResultPath.Find(json, "rows[in=cifar10].v"));
        Assert.Null(ResultPath.Find(json, "missing.v"));
        Assert.Throws<ArgumentException>(() => ResultPath.Find(json, "rows[0.v"));
    }

    [Fact]
    public void Claims_decide_from_the_numbers_and_degenerate_models_make_them_inconclusive()
    {
        var memorisation = ClaimCatalog.All.First(c => c.Experiment == "memorization" && c.Statement.Contains("regularised"));
        string Rows(double small, double large, bool degenerate) =>
            $"{{\"rows\": [{{\"dataset\": \"mnist\", \"k\": 2, \"memorization_mean\": {small}, \"degenerate\": {(degenerate ? "true" : "false")}}}, " +
            $"{{\"dataset\": \"mnist\", \"k\": 512, \"memorization_mean\": {large}, \"degenerate\": false}}]}}";
        Assert.Equal(Verdict.Agrees, memorisation.Check(JsonNode.Parse(Rows(0.9, 0.5, false))!)!.Verdict);
        Assert.Equal(Verdict.Disagrees, memorisation.Check(JsonNode.Parse(Rows(0.6, 0.7, false))!)!.Verdict);
        Assert.Equal(Verdict.Inconclusive, memorisation.Check(JsonNode.Parse(Rows(0.9, 0.5, true))!)!.Verdict);
        Assert.Null(memorisation.Check(JsonNode.Parse("{\"rows\": []}")!));

        var fixedPoints = ClaimCatalog.All.First(c => c.Experiment == "attractor-kinds");
        string Kinds(int fixedCount) => $"{{\"rows\": [{{\"dataset\": \"mnist\", \"k\": 2, \"starts\": 100, \"fixed\": 100}}, " +
                                        $"{{\"dataset\": \"mnist\", \"k\": 16, \"starts\": 100, \"fixed\": {fixedCount}}}]}}";
        Assert.Equal(Verdict.Agrees, fixedPoints.Check(JsonNode.Parse(Kinds(100))!)!.Verdict);
        var cycling = fixedPoints.Check(JsonNode.Parse(Kinds(60))!)!;
        Assert.Equal(Verdict.Disagrees, cycling.Verdict);
        Assert.Contains("mnist k = 16 0.600", cycling.Ours);

        var iterations = ClaimCatalog.All.First(c => c.Statement.Contains("Koopman iterations"));
        Assert.Equal(Verdict.Agrees, iterations.Check(JsonNode.Parse("{\"betti0_kae_iterations\": [8633, 692, 9]}")!)!.Verdict);
        Assert.Equal(Verdict.Disagrees, iterations.Check(JsonNode.Parse("{\"betti0_kae_iterations\": [500, 470, 430]}")!)!.Verdict);
    }

    [Fact]
    public void Every_claim_finds_its_numbers_in_what_its_experiment_prints()
    {
        // tests/fixtures/reproduce holds each experiment's quick JSON; a claim whose path does not match returns null.
        foreach (var claim in ClaimCatalog.All)
        {
            Assert.Contains(ExperimentCatalog.All, e => e.Name == claim.Experiment);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "reproduce", claim.Experiment + ".json")))!;
            Assert.True(claim.Check(json) is not null, $"claim '{claim.Statement}' finds no numbers in {claim.Experiment}.json");
        }
    }

    [Fact]
    public void Every_hypothesis_finds_its_numbers_in_what_its_controlled_experiment_prints()
    {
        Assert.NotEmpty(HypothesisCatalog.All);
        foreach (var hypothesis in HypothesisCatalog.All)
        {
            Assert.Contains(ExperimentCatalog.All, e => e.Name == hypothesis.Experiment);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "reproduce", hypothesis.Experiment + ".json")))!;
            Assert.True(hypothesis.Check(json) is not null, $"hypothesis '{hypothesis.Statement}' finds no numbers in {hypothesis.Experiment}.json");
        }
    }

    [Fact]
    public void The_report_lists_each_hypothesis_with_its_evidence_and_verdict()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lwb-repro-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Two "seeds" of the same fixture: a summary with sd 0, as a run whose seeds agree would give.
            var name = HypothesisCatalog.Experiments[0];
            var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "reproduce", name + ".json"));
            ReproductionRun.Run(new FakeExperiment(name, _ => JsonNode.Parse(fixture)!.AsObject()), quick: true, [0, 1], dir);
            var report = ReproductionReport.Render(dir);
            Assert.Contains("## Why we disagree: controlled experiments", report);
            foreach (var hypothesis in HypothesisCatalog.All)
            {
                var line = report.Split('\n').Single(l => l.Contains(hypothesis.Statement.Replace("|", "\\|"), StringComparison.Ordinal));
                if (hypothesis.Experiment != name)
                {
                    Assert.Contains("| not run | ", line);
                    continue;
                }
                var check = hypothesis.Check(SeedSummary.Combine([JsonNode.Parse(fixture), JsonNode.Parse(fixture)])!)!;
                Assert.Contains(check.Evidence.Replace("|", "\\|"), line);
                Assert.Contains(check.Verdict switch { HypothesisVerdict.RuledOut => "ruled out", HypothesisVerdict.Supported => "supported", _ => "inconclusive" }, line);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Runs_keep_each_mode_in_its_own_section_and_the_report_marks_missing_runs()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lwb-repro-" + Guid.NewGuid().ToString("N"));
        try
        {
            var experiment = new FakeExperiment("latent-field", seed => new JsonObject
            {
                ["attractors"] = 2, ["max_spectral_radius"] = 0.5 + 0.1 * seed, ["converged_fraction"] = 1.0,
            });
            ReproductionRun.Run(experiment, quick: true, [0, 1, 2], dir);
            ReproductionRun.Run(experiment, quick: false, [0], dir);
            var file = ReproductionRun.Load(Path.Combine(dir, "latent-field.json"))!;
            var quick = SeedSummary.Read(file["quick"]!["summary"]!["max_spectral_radius"])!.Value;
            Assert.Equal(0.6, quick.Mean, 12);
            Assert.Equal(0.1, quick.Sd, 12);
            Assert.Equal(3, quick.Seeds);
            Assert.Equal(0.5, SeedSummary.Read(file["full"]!["summary"]!["max_spectral_radius"])!.Value.Mean, 12);

            var report = ReproductionReport.Render(dir);
            var line = report.Split('\n').First(l => l.Contains("`latent-field`") && l.Contains("stable fixed point"));
            Assert.Contains("0.600 ± 0.100", line);
            Assert.Contains("agrees", line);
            Assert.Contains("| `memorization` | not run | not run |", report);
            Assert.Throws<ArgumentException>(() => ReproductionRun.Run(experiment, true, [1, 1], dir));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_source_is_dirty_when_code_changes_but_not_when_only_results_do()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lwb-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "results"));
        Directory.CreateDirectory(Path.Combine(dir, "src"));
        try
        {
            void Git(string args)
            {
                var info = new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = System.Diagnostics.Process.Start(info)!;
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"git {args}: {p.StandardError.ReadToEnd()}");
            }
            File.WriteAllText(Path.Combine(dir, "results", "lfm.json"), "{}");
            File.WriteAllText(Path.Combine(dir, "REPRODUCTION.md"), "# Reproduction");
            File.WriteAllText(Path.Combine(dir, "src", "A.cs"), "class A {}");
            Git("init -q");
            Git("add -A");
            Git("-c user.name=t -c user.email=t@t commit -qm init");
            Assert.False(SourceVersion.Of(dir).Dirty);

            File.WriteAllText(Path.Combine(dir, "results", "lfm.json"), "{\"x\": 1}");
            File.WriteAllText(Path.Combine(dir, "REPRODUCTION.md"), "# Reproduction, regenerated");
            var version = SourceVersion.Of(Path.Combine(dir, "src"));
            Assert.False(version.Dirty);
            Assert.Equal(40, version.Commit.Length);

            File.WriteAllText(Path.Combine(dir, "src", "A.cs"), "class A { int x; }");
            Assert.True(SourceVersion.Of(dir).Dirty);
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_corrupt_results_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "lwb-repro-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ not json");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ReproductionRun.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class FakeExperiment(string name, Func<ulong, JsonObject> run) : IExperiment
    {
        public string Name => name;
        public string Description => "test double";
        public JsonObject Run(bool quick, ulong seed) => run(seed);
    }
}
