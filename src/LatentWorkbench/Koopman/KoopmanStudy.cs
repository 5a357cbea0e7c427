using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Models;

namespace LatentWorkbench.Koopman;

/// <summary>
/// One run of the paper's pipeline: train the residual classifier, capture and preprocess its hidden layers, fit the
/// Koopman autoencoder from the first to the last layer, and score the surrogate by feeding its decoded (inverse-
/// preprocessed) prediction to the classifier's head.
/// </summary>
public sealed class KoopmanStudy
{
    private KoopmanStudy(KoopmanStudyConfig config, ResidualMlp classifier, LayerTransform[] transforms, Tensor[] trainLayers, Tensor[] testLayers,
        int[] trainLabels, int[] testLabels, Tensor testInputs, KoopmanAutoencoder surrogate)
    {
        Config = config; Classifier = classifier; Transforms = transforms; TrainLayers = trainLayers; TestLayers = testLayers;
        TrainLabels = trainLabels; TestLabels = testLabels; TestInputs = testInputs; Surrogate = surrogate;
    }

    /// <summary>The configuration the study ran with; its JSON is the key of <see cref="KoopmanStudyCache"/>.</summary>
    public KoopmanStudyConfig Config { get; }
    /// <summary>The trained residual classifier whose hidden layers are the states of the dynamics.</summary>
    public ResidualMlp Classifier { get; }
    /// <summary>
    /// The per-layer preprocessing fitted on the training layers, one per layer ([<see cref="ResidualMlp.LayerCount"/>]);
    /// the last one's <see cref="LayerTransform.Invert"/> turns surrogate predictions back into inputs of the head.
    /// </summary>
    public LayerTransform[] Transforms { get; }
    /// <summary>Preprocessed hidden states of the training set, one [n_train, p] per layer (p = <see cref="KoopmanStudyConfig.Components"/>).</summary>
    public Tensor[] TrainLayers { get; }
    /// <summary>Preprocessed hidden states of the test set, one [n_test, p] per layer (transforms fitted on the training set).</summary>
    public Tensor[] TestLayers { get; }
    /// <summary>Labels of the training rows, [n_train].</summary>
    public int[] TrainLabels { get; }
    /// <summary>Labels of the test rows, [n_test]: what every accuracy of the study is scored against.</summary>
    public int[] TestLabels { get; }
    /// <summary>Raw test inputs [n_test, features] (Yin-Yang: 4, x, y, 1 - x, 1 - y; MNIST: 784 pixels in [0, 1]).</summary>
    public Tensor TestInputs { get; }
    /// <summary>The trained Koopman autoencoder (state dimension p, <see cref="KoopmanStudyConfig.Steps"/> steps from the first to the last layer).</summary>
    public KoopmanAutoencoder Surrogate { get; }
    /// <summary>Number of classes (Yin-Yang 3, MNIST 10).</summary>
    public int Classes => Classifier.Classes;

    /// <summary>
    /// Runs the whole pipeline, training the classifier and the surrogate (<see cref="KoopmanStudyCache.RunOrLoad"/>
    /// trains once per configuration and loads afterwards).
    /// </summary>
    /// <example><code>
    /// var study = KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick: true));
    /// var accuracy = StudyAccuracy.Measure(study, withDmd: true);
    /// Console.WriteLine($"MLP {accuracy.Classifier:P1}, Koopman surrogate {accuracy.Surrogate:P1}, DMD {accuracy.Dmd:P1}");
    /// </code></example>
    public static KoopmanStudy Run(KoopmanStudyConfig config) => Run(config, weights: null);

    /// <summary>
    /// Runs the pipeline, or, given <paramref name="weights"/> (as from <see cref="Weights"/>), loads the trained classifier
    /// and surrogate instead of training them; the layers and the preprocessing are recomputed from them either way.
    /// </summary>
    public static KoopmanStudy Run(KoopmanStudyConfig config, IReadOnlyDictionary<string, Tensor>? weights)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (trainX, trainY, testX, testY, classes) = LoadData(config);
        var gen = new Generator(config.Seed);
        var classifier = new ResidualMlp(trainX.Size(1), config.Width, config.Blocks, classes, gen);
        if (weights is null) ClassifierTraining.Train(classifier, trainX, trainY, config.Classifier);
        else { classifier.LoadStateDict(WithPrefix(weights, ClassifierPrefix), strict: true); classifier.Eval(); }
        var rawTrain = ClassifierTraining.CaptureLayers(classifier, trainX);
        var rawTest = ClassifierTraining.CaptureLayers(classifier, testX);
        var transforms = LayerPreprocessing.Fit(rawTrain, config.Components);
        var train = new Tensor[rawTrain.Length];
        var test = new Tensor[rawTest.Length];
        for (int l = 0; l < train.Length; l++) { train[l] = transforms[l].Apply(rawTrain[l]).Contiguous(); test[l] = transforms[l].Apply(rawTest[l]).Contiguous(); }
        var kae = new KoopmanAutoencoder([config.Components, .. config.EncoderWidths], config.Steps, gen);
        if (weights is null) KoopmanTraining.Train(kae, train[0], train[^1], config.Koopman);
        else { kae.LoadStateDict(WithPrefix(weights, SurrogatePrefix), strict: true); kae.Eval(); }
        return new KoopmanStudy(config, classifier, transforms, train, test, trainY, testY, testX, kae);
    }

    private const string ClassifierPrefix = "classifier.", SurrogatePrefix = "surrogate.";

    /// <summary>The trained weights and buffers of the classifier ("classifier.*") and the surrogate ("surrogate.*").</summary>
    public IReadOnlyDictionary<string, Tensor> Weights()
    {
        var all = new Dictionary<string, Tensor>();
        foreach (var (k, v) in Classifier.StateDict()) all[ClassifierPrefix + k] = v;
        foreach (var (k, v) in Surrogate.StateDict()) all[SurrogatePrefix + k] = v;
        return all;
    }

    private static IEnumerable<KeyValuePair<string, Tensor>> WithPrefix(IReadOnlyDictionary<string, Tensor> weights, string prefix)
    {
        foreach (var (k, v) in weights)
            if (k.StartsWith(prefix, StringComparison.Ordinal)) yield return new(k[prefix.Length..], v);
    }

    /// <summary>The classifier's predicted class of every test input, [n_test].</summary>
    public int[] ClassifierPredictions() => ClassifierTraining.Predict(Classifier, TestInputs);

    /// <summary>
    /// Test predictions [n_test] of the surrogate path: head(inverse_L(psi(phi(x0) A))), A [o, o] (o the observable
    /// dimension) defaulting to K^k; e.g. an edited operator from <see cref="SurrogateUnlearning"/>.
    /// </summary>
    public int[] SurrogatePredictions(Tensor? operatorA = null) => PredictFromFirstLayer(TestLayers[0], operatorA);

    /// <summary>Test predictions [n_test] of another Koopman autoencoder fitted to this study's layers (e.g. an ablation's).</summary>
    public int[] SurrogatePredictions(KoopmanAutoencoder surrogate) => PredictFromFirstLayer(TestLayers[0], null, surrogate);

    /// <summary>
    /// Surrogate predictions [n] for preprocessed first-layer states <paramref name="firstLayer"/> [n, p] (by
    /// <paramref name="surrogate"/>, default the study's; <paramref name="operatorA"/> [o, o], default its K^k).
    /// </summary>
    public int[] PredictFromFirstLayer(Tensor firstLayer, Tensor? operatorA = null, KoopmanAutoencoder? surrogate = null)
    {
        var predicted = KoopmanTraining.Predict(surrogate ?? Surrogate, firstLayer, operatorA);
        return ClassifierTraining.PredictFromLastLayer(Classifier, Transforms[^1].Invert(predicted));
    }

    /// <summary>Preprocessed first-layer states [n, p] of raw <paramref name="inputs"/> [n, features] (e.g. a grid for decision regions).</summary>
    public Tensor FirstLayer(Tensor inputs)
    {
        using var _ = GradMode.NoGrad();
        Classifier.Eval();
        return Transforms[0].Apply(Classifier.InputLayer(inputs));
    }

    /// <summary>Decoded iterates psi(phi(x0) K^i), i = 0..k, for the test set: k + 1 tensors [n_test, p].</summary>
    public Tensor[] TestIterates()
    {
        using var _ = GradMode.NoGrad();
        return Surrogate.Iterates(TestLayers[0]);
    }

    private static (Tensor TrainX, int[] TrainY, Tensor TestX, int[] TestY, int Classes) LoadData(KoopmanStudyConfig config)
    {
        switch (config.Dataset)
        {
            case "yinyang":
            {
                var train = YinYang.Train();
                var test = YinYang.Test();
                return (train.Features, train.Labels, test.Features, test.Labels, 3);
            }
            case "mnist":
            {
                var train = DatasetCatalog.Default.LoadImages("mnist", "train");
                var test = DatasetCatalog.Default.LoadImages("mnist", "test");
                if (config.TrainSamples < train.Count) train = train.Subset(config.TrainSamples, config.Seed);
                if (config.TestSamples < test.Count) test = test.Subset(config.TestSamples, config.Seed + 1);
                return (train.Images.Flatten(1).Contiguous(), train.Labels, test.Images.Flatten(1).Contiguous(), test.Labels, 10);
            }
            default:
                throw new ArgumentException($"unknown dataset '{config.Dataset}'; expected yinyang or mnist", nameof(config));
        }
    }
}
