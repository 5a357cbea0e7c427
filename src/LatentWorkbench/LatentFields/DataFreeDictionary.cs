using LatentWorkbench.Engine;
using LatentWorkbench.Models;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The paper's data-free dictionary: N = k Gaussian starts, orthogonalised, iterated to their attractors. Both the
/// attractors and (as the baseline) the starts are normalised to unit length and used as OMP atoms.
/// </summary>
/// <example><code>
/// var dictionary = DataFreeDictionary.Build(model, seed: 0);       // k = 4 atoms: Starts and Attractors [4 * 4]
/// var images = Tensor.Randn(new Generator(3), 30, 16);             // [n, d]
/// var rows = dictionary.Evaluate(images, [1, 2, 4]).ToList();       // (sparsity, attractor MSE, baseline MSE) per level
/// foreach (var (s, attractorMse, baselineMse) in rows)
///     Console.WriteLine($"{s} atoms: attractors {attractorMse:F4}, orthogonal starts {baselineMse:F4}");
/// </code></example>
public sealed class DataFreeDictionary
{
    private DataFreeDictionary(IAutoencoder model, float[] starts, float[] attractors, TrajectoryResult trajectories)
    {
        Model = model;
        Starts = starts;
        Attractors = attractors;
        Trajectories = trajectories;
    }

    /// <summary>The autoencoder whose latent space the atoms live in.</summary>
    public IAutoencoder Model { get; }

    /// <summary>Orthogonalised Gaussian starts [k * k].</summary>
    public float[] Starts { get; }

    /// <summary>Their end points [k * k] (not merged: each start gives one atom).</summary>
    public float[] Attractors { get; }

    /// <summary>The iteration of the k starts (convergence and steps of each atom).</summary>
    public TrajectoryResult Trajectories { get; }

    /// <summary>Iterates k orthogonal Gaussian starts (drawn from <paramref name="seed"/>) of <paramref name="model"/>'s latent space to their end points.</summary>
    public static DataFreeDictionary Build(IAutoencoder model, ulong seed, TrajectoryOptions? options = null)
    {
        int k = model.LatentDim;
        var starts = LatentStarts.OrthogonalGaussian(k, k, seed);
        var traj = LatentFields.Trajectories.Run(new LatentMap(model), starts, options);
        return new DataFreeDictionary(model, starts, traj.Endpoints, traj);
    }

    /// <summary>
    /// For each sparsity level of <paramref name="sparsities"/> (each in 1..k), in order: the MSE between
    /// <paramref name="images"/> [n, ...] (the model's input layout) and the decoding of their OMP-coded latents, with the
    /// attractors and with the orthogonal starts as the dictionary.
    /// </summary>
    public IEnumerable<(int Sparsity, double AttractorMse, double BaselineMse)> Evaluate(Tensor images, IEnumerable<int> sparsities)
    {
        int k = Model.LatentDim;
        var latents = LatentStarts.Encode(Model, images);
        var flat = Memorization.Flat(images).Contiguous().ToArray();
        var attractorOmp = new OrthogonalMatchingPursuit(OrthogonalMatchingPursuit.Normalize(Attractors, k), k);
        var baselineOmp = new OrthogonalMatchingPursuit(OrthogonalMatchingPursuit.Normalize(Starts, k), k);
        foreach (int s in sparsities)
            yield return (s, Mse(attractorOmp, latents, s, flat), Mse(baselineOmp, latents, s, flat));
    }

    private double Mse(OrthogonalMatchingPursuit omp, float[] latents, int sparsity, float[] images)
    {
        var coded = omp.Decode(omp.Encode(latents, sparsity));
        var rec = LatentStarts.Decode(Model, coded).Contiguous().AsSpan();
        double sum = 0;
        for (int i = 0; i < images.Length; i++) { double d = rec[i] - images[i]; sum += d * d; }
        return sum / images.Length;
    }
}
