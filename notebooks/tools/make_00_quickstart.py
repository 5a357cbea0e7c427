import json, sys, uuid
cells = []
def md(src): cells.append({"cell_type": "markdown", "metadata": {}, "source": src})
def code(src, tags=None):
    meta = {"polyglot_notebook": {"kernelName": "csharp"}}
    if tags: meta["tags"] = tags
    cells.append({"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": [], "source": src})
md("""# 00 · Quickstart

Load the workbench, fetch MNIST, train a small fully connected autoencoder (784-512-256-k) and look at its
reconstructions and loss curve. Every later notebook builds on these pieces.

Run it headless with `lwb notebook run notebooks/00-quickstart.ipynb` (add `--quick` for a CI-sized run), or open it
in Jupyter with the LatentWorkbench C# kernel (`lwb kernel install --user`).""")
code("""// Parameters (override with: lwb notebook run <file> --param name=value, or --quick)
var Quick = false;
var Seed = 0;
var LatentDim = 16;
var Epochs = 5;""", ["parameters"])
md("""## Data
The dataset catalog finds MNIST in the `data/` cache, fetches and verifies it when missing, and loads it as
bytes; `.Images` gives a float tensor `[n, 1, 28, 28]` scaled to [0, 1].""")
code("""var train = DatasetCatalog.Default.LoadImages("mnist", "train");
var test = DatasetCatalog.Default.LoadImages("mnist", "test");
Console.WriteLine($"train: {train.Count} images, test: {test.Count} images, classes: {string.Join(", ", train.ClassNames)}");
display(ImageGrid.Tiled(test.Subset(32, (ulong)Seed).Images.ToArray(), 32, 1, 28, 28, columns: 16, title: "Test images"));""")
md("""## Training
An `AutoencoderRecipe` holds everything that determines a model (architecture, k, data, optimiser, seed), so the
same recipe always gives the same weights. Quick mode trains two epochs on 10,000 images.""")
code("""var recipe = new AutoencoderRecipe
{
    Kind = AutoencoderKind.Mlp,
    Dataset = "mnist",
    LatentDim = LatentDim,
    Epochs = Quick ? 2 : Epochs,
    LearningRate = 1e-3f,
    TrainSamples = Quick ? 10000 : null,
    TestSamples = Quick ? 1000 : null,
    Seed = (ulong)Seed,
};
var run = recipe.Train();
Console.WriteLine($"test reconstruction MSE: {run.TestMse:G4}");""")
code("""var epochs = run.History.Select(h => (double)h.Epoch).ToArray();
display(Figure.Create(
        Plot.Scatter(epochs, run.History.Select(h => h.TrainLoss).ToArray(), "train", ScatterMode.LinesMarkers),
        Plot.Scatter(epochs, run.History.Select(h => h.TestLoss ?? double.NaN).ToArray(), "test", ScatterMode.LinesMarkers))
    .WithTitle("Reconstruction loss (MSE)")
    .WithXAxis("epoch")
    .WithYAxis("MSE", log: true));""")
md("""## Reconstructions
Top two rows: test images; bottom two rows: the autoencoder's reconstructions D(E(x)).""")
code("""var sample = test.Subset(16, (ulong)Seed + 1).Images;
Tensor reconstructed;
using (GradMode.NoGrad())
{
    run.Model.Eval();
    reconstructed = run.Autoencoder.Decode(run.Autoencoder.Encode(sample.Flatten(1)));
}
var both = sample.ToArray().Concat(reconstructed.ToArray()).ToArray();
display(ImageGrid.Tiled(both, 32, 1, 28, 28, columns: 16, title: "Originals (top) and reconstructions (bottom)"));""")
nb = {"cells": cells, "metadata": {
    "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
    "language_info": {"file_extension": ".cs", "mimetype": "text/x-csharp", "name": "csharp", "pygments_lexer": "csharp", "version": "12.0"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "languageName": "csharp", "name": "csharp"}]}}},
    "nbformat": 4, "nbformat_minor": 5}
for i, c in enumerate(nb["cells"]): c["id"] = f"quickstart-{i:02d}"
json.dump(nb, open(sys.argv[1], "w"), indent=1)
open(sys.argv[1], "a").write("\n")
