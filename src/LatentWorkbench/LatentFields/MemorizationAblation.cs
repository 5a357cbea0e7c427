using System.Globalization;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Why our memorisation sweep disagrees with the paper, tested one factor at a time: the sweep's conv recipe at a small
/// and a large k is the control (same models as <see cref="MemorizationSweep"/>, from the model cache); the interventions
/// swap in the MLP autoencoder at both k, shrink the training set at the large k (for as many optimiser steps, by
/// default), and train longer at both k. Every
/// condition measures memorisation on the same attractors in the model's layout and on the 28 x 28 image pixels, so the
/// metric's definition is compared without training anything.
/// </summary>
public static class MemorizationAblation
{
    /// <summary>Trains (or loads) the seven models and measures each; <paramref name="progress"/> sees every condition as it finishes.</summary>
    public static MemorizationAblationResult Run(MemorizationAblationOptions options, Action<MemorizationCondition>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var control = options.Control;
        int small = options.SmallK, large = options.LargeK;
        int controlImages = control.Recipe(options.Dataset, large).LoadSplit("train").Count;
        int smallSetEpochs = options.SmallSetEqualSteps
            ? (int)Math.Ceiling(control.Epochs * (double)controlImages / options.SmallTrainSamples)
            : control.Epochs;
        var plan = new (string Name, MemorizationFactor Factor, AutoencoderRecipe Recipe)[]
        {
            ($"control k={small}", MemorizationFactor.Control, control.Recipe(options.Dataset, small)),
            ($"control k={large}", MemorizationFactor.Control, control.Recipe(options.Dataset, large)),
            ($"mlp k={small}", MemorizationFactor.Architecture, control.Recipe(options.Dataset, small) with { Kind = AutoencoderKind.Mlp }),
            ($"mlp k={large}", MemorizationFactor.Architecture, control.Recipe(options.Dataset, large) with { Kind = AutoencoderKind.Mlp }),
            (string.Create(CultureInfo.InvariantCulture, $"{options.SmallTrainSamples} images k={large}"), MemorizationFactor.TrainingSetSize,
                control.Recipe(options.Dataset, large) with { TrainSamples = options.SmallTrainSamples, Epochs = smallSetEpochs }),
            (string.Create(CultureInfo.InvariantCulture, $"{options.LongEpochs} epochs k={small}"), MemorizationFactor.TrainingLength,
                control.Recipe(options.Dataset, small) with { Epochs = options.LongEpochs }),
            (string.Create(CultureInfo.InvariantCulture, $"{options.LongEpochs} epochs k={large}"), MemorizationFactor.TrainingLength,
                control.Recipe(options.Dataset, large) with { Epochs = options.LongEpochs }),
        };
        // The null's test images are the sweep's (same subset, same seed), so the control rows repeat its numbers.
        var testSet = DatasetCatalog.Default.LoadImages(options.Dataset, "test");
        if (control.NullSamples < testSet.Count) testSet = testSet.Subset(control.NullSamples, control.Seed + 1);
        var conditions = new List<MemorizationCondition>(plan.Length);
        foreach (var (name, factor, recipe) in plan)
        {
            var condition = Measure(name, factor, recipe, testSet, control);
            conditions.Add(condition);
            progress?.Invoke(condition);
        }
        return new MemorizationAblationResult(conditions);
    }

    /// <summary>
    /// One condition: the model of <paramref name="recipe"/> (cached or trained as <paramref name="control"/> trains), the
    /// attractors of its training-latent starts (the sweep's start subset and search), and their memorisation both ways.
    /// </summary>
    public static MemorizationCondition Measure(string name, MemorizationFactor factor, AutoencoderRecipe recipe, ImageDataset testSet, MemorizationSweepOptions control)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(testSet);
        ArgumentNullException.ThrowIfNull(control);
        var run = ModelCache.TrainOrLoad(recipe, control.ModelDirectory, options: control.TrainingFor(recipe));
        var model = run.Autoencoder;
        var trainSet = recipe.LoadSplit("train");
        var startSet = control.AttractorStarts < trainSet.Count ? trainSet.Subset(control.AttractorStarts, control.Seed + 7) : trainSet;
        var found = AttractorFinder.Find(new LatentMap(model), LatentStarts.Encode(model, LatentFieldSetup.ModelInputs(startSet, recipe.Transform)), control.Attractors);
        var decoded = LatentStarts.Decode(model, found.Attractors);
        var layout = Memorization.Evaluate(decoded, LatentFieldSetup.ModelInputs(trainSet, recipe.Transform), LatentFieldSetup.ModelInputs(testSet, recipe.Transform));
        var unpadded = Memorization.Evaluate(CropCenter(decoded, trainSet.Channels, trainSet.Height, trainSet.Width),
            LatentFieldSetup.ModelInputs(trainSet, Transforms.Flatten), LatentFieldSetup.ModelInputs(testSet, Transforms.Flatten));
        var baseline = MeanImageBaseline.Of(recipe);
        return new MemorizationCondition(name, factor, recipe.Kind, recipe.LatentDim, trainSet.Count, recipe.Epochs,
            found.Count, found.Trajectories.ConvergedFraction, layout.Mean, layout.Std, layout.NullBaseline,
            unpadded.Mean, unpadded.NullBaseline, run.TestMse, baseline.TestMse);
    }

    /// <summary>
    /// Rows [m, c * H * W] of square images zero-padded as <see cref="Transforms.PadTo32"/> pads them, cut back to their
    /// centre [m, c * <paramref name="height"/> * <paramref name="width"/>]; rows already of that size are returned as they are.
    /// </summary>
    public static Tensor CropCenter(Tensor rows, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Rank != 2) throw new ArgumentException($"rows must be [m, d]; got [{string.Join(", ", rows.Shape)}]", nameof(rows));
        int m = rows.Shape[0], d = rows.Shape[1], inner = channels * height * width;
        if (d == inner) return rows;
        int side = (int)Math.Round(Math.Sqrt(d / (double)channels));
        if (channels * side * side != d || side < height || side < width)
            throw new ArgumentException($"rows of {d} values are not {channels} square channel(s) of at least {height} x {width}", nameof(rows));
        // PadTransform puts the image at ((side - h) / 2, (side - w) / 2); the crop reads it back from there.
        int top = (side - height) / 2, left = (side - width) / 2;
        var source = rows.Contiguous().ToArray();
        var cropped = new float[m * inner];
        for (int i = 0; i < m; i++)
            for (int ch = 0; ch < channels; ch++)
                for (int y = 0; y < height; y++)
                    source.AsSpan(i * d + (ch * side + top + y) * side + left, width)
                        .CopyTo(cropped.AsSpan(i * inner + (ch * height + y) * width, width));
        return Tensor.FromArray(cropped, m, inner);
    }
}
