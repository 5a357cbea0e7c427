using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using LatentWorkbench.Koopman;
using LatentWorkbench.Models;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// Two MNIST classifiers (the residual MLP, different seeds) and every hidden layer's states for the same test
/// images. The paper's perturbation and layer-similarity experiments use a trained classifier's embeddings, whose
/// classes form clusters; an autoencoder's latents do not.
/// </summary>
/// <param name="A">First classifier.</param>
/// <param name="B">Second classifier (another seed).</param>
/// <param name="AccuracyA">Test accuracy of A on the encoded images.</param>
/// <param name="AccuracyB">Test accuracy of B.</param>
/// <param name="LayersA">A's hidden states per layer (input layer, then each residual block): <see cref="Blocks"/> + 1 tensors [n, <see cref="Width"/>].</param>
/// <param name="LayersB">B's hidden states per layer, the same shapes.</param>
public sealed record LfmClassifierSetup(ResidualMlp A, ResidualMlp B, double AccuracyA, double AccuracyB,
    IReadOnlyList<Tensor> LayersA, IReadOnlyList<Tensor> LayersB)
{
    /// <summary>Width of the classifiers' hidden layers: small enough to train in seconds, wide enough for classes to cluster.</summary>
    public const int Width = 64;

    /// <summary>Residual blocks per classifier, so each has 4 hidden layers to compare.</summary>
    public const int Blocks = 3;

    /// <summary>The last hidden layer of A [n, <see cref="Width"/>] (the embedding the perturbation experiment shifts).</summary>
    public Tensor Embeddings => LayersA[^1];

    /// <summary>
    /// Trains both classifiers (SGD with one cyclic-LR cycle; 10,000 images for 3 epochs in quick mode, all 60,000
    /// for 5 otherwise; a few seconds each) and captures their layers on <paramref name="images"/> ([n, 1, 28, 28] or
    /// [n, 784]) with <paramref name="labels"/> [n] (used for the accuracies).
    /// </summary>
    /// <example><code>
    /// var test = DatasetCatalog.Default.LoadImages("mnist", "test").Subset(1000, 7);
    /// var setup = LfmClassifierSetup.Create(quick: true, seed: 0, test.Images, test.Labels);
    /// var curve = LfmPerturbation.Run(setup.Embeddings, test.Labels, LfmPerturbationOptions.Quick());
    /// </code></example>
    public static LfmClassifierSetup Create(bool quick, ulong seed, Tensor images, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var train = DatasetCatalog.Default.LoadImages("mnist", "train");
        if (quick) train = train.Subset(10000, seed + 11);
        var inputs = train.Images.Flatten(1);
        var options = new ClassifierOptions { Epochs = quick ? 3 : 5, BatchSize = 128, PeakLearningRate = 0.05, Seed = seed };
        var test = images.Flatten(1);
        (ResidualMlp Model, double Accuracy, Tensor[] Layers) Fit(ulong s)
        {
            var model = new ResidualMlp(784, Width, Blocks, 10, new Generator(s));
            ClassifierTraining.Train(model, inputs, train.Labels, options with { Seed = s });
            double acc = ClassifierTraining.Accuracy(ClassifierTraining.Predict(model, test), labels);
            var layers = ClassifierTraining.CaptureLayers(model, test).ToArray();
            for (int i = 0; i < layers.Length; i++) layers[i].ToPoints($"layer{i}");  // checked finite where the layer is known
            return (model, acc, layers);
        }
        var a = Fit(seed);
        var b = Fit(seed + 1000);
        return new LfmClassifierSetup(a.Model, b.Model, a.Accuracy, b.Accuracy, a.Layers, b.Layers);
    }
}
