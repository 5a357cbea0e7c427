using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Experiments;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;
using LatentWorkbench.Reproduction;
using Xunit;

namespace LatentWorkbench.Notebooks.Tests;

/// <summary>
/// A notebook in quick mode shows the numbers <c>lwb reproduce &lt;experiment&gt; --quick</c> prints: each case runs the
/// notebook with one extra cell that writes the values of its own variables, and compares them with the experiment's
/// JSON at the given paths (the JSON rounds to 4-7 decimals, hence the tolerance).
/// </summary>
public class NotebookReproduceTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "01-latent-vector-field.ipynb", "latent-field",
          "new[] { (\"attractors\", (double)found.Count), (\"converged_fraction\", tr.ConvergedFraction), (\"max_spectral_radius\", found.MaxSpectralRadius), (\"mean_steps\", tr.MeanSteps), (\"model.test_mse\", run.TestMse) }" },
        { "02-memorization-generalization.ipynb", "memorization",
          "sweep.Rows.SelectMany((r, i) => new[] { ($\"rows[{i}].attractors\", (double)r.Attractors), ($\"rows[{i}].memorization_mean\", r.MemorizationMean), ($\"rows[{i}].null_memorization\", r.NullMemorization), ($\"rows[{i}].test_mse\", r.TestMse) })" },
        { "03-data-free-dictionary.ipynb", "dictionary",
          "dictionary.Rows.Select((r, i) => ($\"rows[{i}].mse_attractors\", r.AttractorMse)).Concat(dictionary.Rows.Select((r, i) => ($\"rows[{i}].mse_orthogonal\", r.OrthogonalMse)))" },
        { "04-ood-trajectories.ipynb", "ood",
          "results.SelectMany(x => x.R.Scores.Where(s => s.Method != \"field-norm\").Select(s => ($\"rows[in={x.In},method={s.Method}].auroc\", DetectionMetrics.Auroc(s.In, s.Out))))" },
        { "05-koopman-representation-dynamics.ipynb", "koopman",
          "new[] { (\"yinyang.mlp_accuracy\", yinAccuracy.Classifier), (\"yinyang.kae_accuracy\", yinAccuracy.Surrogate), (\"mnist.mlp_accuracy\", mnistAccuracy.Classifier), (\"mnist.kae_accuracy\", mnistAccuracy.Surrogate) }" +
          ".Concat(betti.Layers.Select((b, i) => ($\"betti0_mlp_layers[{i}]\", (double)b))).Concat(betti.Iterations.Select((b, i) => ($\"betti0_kae_iterations[{i}]\", (double)b)))" },
        { "06-koopman-unlearning.ipynb", "unlearning",
          "new[] { (\"yinyang\", yinResult), (\"mnist\", mnistResult) }.SelectMany(x => x.Item2.After.Select((a, c) => ($\"{x.Item1}.after[{c}]\", a)).Append(($\"{x.Item1}.lambda\", x.Item2.Lambda)))" },
        { "07-latent-functional-maps.ipynb", "lfm",
          "curve.Select((p, i) => ($\"perturbation[{i}].cka\", p.Cka)).Concat(retrieval.Select((r, i) => ($\"retrieval[{i}].lfm\", r.Lfm))).Concat(retrieval.Select((r, i) => ($\"retrieval[{i}].procrustes\", r.Procrustes)))" },
        { "08-attractor-kinds.ipynb", "attractor-kinds",
          "study.Rows.SelectMany((r, i) => new[] { ($\"rows[{i}].fixed\", (double)r.Kinds.FixedCount), ($\"rows[{i}].periodic\", (double)r.Kinds.PeriodicCount), ($\"rows[{i}].unresolved\", (double)r.Kinds.UnresolvedCount), ($\"rows[{i}].test_mse\", r.TestMse) })" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Quick_notebook_numbers_equal_the_reproduce_json(string notebook, string experiment, string values)
    {
        using var temp = TestFiles.TempFolder();
        var doc = NotebookFile.Read(Path.Combine(TestFiles.RepositoryRoot, "notebooks", notebook));
        string output = temp.File("values.txt");
        doc.Cells.Add(new NotebookCell(CellKind.Code,
            $"System.IO.File.WriteAllLines(@\"{output}\", ({values}).Select(v => v.Item1 + \" \" + v.Item2.ToString(\"R\", System.Globalization.CultureInfo.InvariantCulture)));"));
        string path = temp.File(notebook);
        NotebookFile.Write(doc, path);
        var run = await NotebookRunner.RunAsync(path, new NotebookRunOptions { OutputDirectory = temp.File("out"), Quick = true });
        Assert.True(run.Succeeded, $"{notebook} failed: {run.ErrorMessage}");

        var json = JsonNode.Parse(ExperimentCatalog.Get(experiment).Run(quick: true, seed: 0).ToJsonString());
        var lines = File.ReadAllLines(output);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            double fromNotebook = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var fromReproduce = ResultPath.Number(json, parts[0]) ?? throw new Xunit.Sdk.XunitException($"{experiment}: no number at {parts[0]}");
            Assert.True(Math.Abs(fromNotebook - fromReproduce.Mean) <= 1e-4 * Math.Max(1, Math.Abs(fromReproduce.Mean)),
                $"{notebook} shows {parts[0]} = {fromNotebook}, reproduce {experiment} prints {fromReproduce.Mean}");
        }
    }
}
