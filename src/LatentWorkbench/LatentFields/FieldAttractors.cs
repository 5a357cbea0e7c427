using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The paper's first look at a latent field: a k = 2 autoencoder's attractors reached from training latents and from a
/// uniform grid over [-8, 8]^2, with the Jacobian spectrum at each.
/// </summary>
public sealed record FieldAttractorsOptions
{
    /// <summary>The autoencoder (the experiment's: <see cref="LatentFieldSetup.Recipe"/> on MNIST at k = 2), trained on a cache miss.</summary>
    public required AutoencoderRecipe Recipe { get; init; }

    /// <summary>Training images whose latents start trajectories (paper: 5000; a seeded subset of the training split).</summary>
    public int TrainStarts { get; init; } = 5000;

    /// <summary>Grid points per axis of the uniform grid over [-8, 8]^2 (paper: 50); only for k = 2.</summary>
    public int GridPerAxis { get; init; } = 50;

    /// <summary>Attractor search (paper: tolerance 1e-6, 3000 steps; stability at every attractor).</summary>
    public AttractorOptions Attractors { get; init; } = new() { Trajectory = new TrajectoryOptions { ShowProgress = true } };

    /// <summary>Seed of the training-image subset.</summary>
    public ulong Seed { get; init; }

    /// <summary>The settings of <c>lwb reproduce latent-field</c>: 1,000 training starts and a 20 x 20 grid in quick mode, the paper's sizes otherwise.</summary>
    public static FieldAttractorsOptions For(bool quick, ulong seed) => new()
    {
        Recipe = LatentFieldSetup.Recipe("mnist", 2, quick, seed),
        TrainStarts = quick ? 1000 : 5000,
        GridPerAxis = quick ? 20 : 50,
        Seed = seed,
    };

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Recipe, nameof(Recipe));
        if (Recipe.LatentDim != 2) throw new ArgumentOutOfRangeException(nameof(Recipe), Recipe.LatentDim, "the [-8, 8]^2 grid needs a k = 2 recipe (LatentDim = 2)");
        if (TrainStarts < 1) throw new ArgumentOutOfRangeException(nameof(TrainStarts), TrainStarts, "must be at least 1");
        if (GridPerAxis < 2) throw new ArgumentOutOfRangeException(nameof(GridPerAxis), GridPerAxis, "a grid needs at least 2 points per axis");
    }
}

/// <summary>The trained model and the attractors of its field.</summary>
/// <param name="Model">The autoencoder whose field was searched.</param>
/// <param name="Attractors">The attractors; the starts are the training latents first, then the grid (x fastest).</param>
/// <param name="TrainStarts">How many of the starts are training latents (the grid's first start is at this index).</param>
public sealed record FieldAttractorsResult(AutoencoderRun Model, AttractorResult Attractors, int TrainStarts);

/// <summary>Runs <see cref="FieldAttractorsOptions"/>: encodes the training starts, appends the grid and finds the attractors.</summary>
/// <example><code>
/// var result = FieldAttractors.Run(FieldAttractorsOptions.For(quick: true, seed: 0));
/// Console.WriteLine($"{result.Attractors.Count} attractors, max spectral radius {result.Attractors.MaxSpectralRadius:F3}");
/// </code></example>
public static class FieldAttractors
{
    /// <summary>The attractors of <paramref name="options"/>'s model from its training latents and the grid.</summary>
    public static FieldAttractorsResult Run(FieldAttractorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var run = ModelCache.TrainOrLoad(options.Recipe);
        var map = new LatentMap(run.Autoencoder);
        var train = LatentStarts.Encode(run.Autoencoder, LatentFieldSetup.Images(options.Recipe.Dataset, "train", options.TrainStarts, options.Seed));
        var grid = LatentStarts.PaperGrid(options.GridPerAxis);
        var starts = new float[train.Length + grid.Length];
        train.CopyTo(starts, 0);
        grid.CopyTo(starts, train.Length);
        var found = AttractorFinder.Find(map, starts, options.Attractors);
        return new FieldAttractorsResult(run, found, train.Length / options.Recipe.LatentDim);
    }
}
