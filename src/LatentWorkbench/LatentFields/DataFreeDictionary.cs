using LatentWorkbench.Engine;
using LatentWorkbench.Models;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The paper's data-free dictionary: N = k Gaussian starts, orthogonalised, iterated to their attractors. Both the
/// attractors and (as the baseline) the starts are normalised to unit length and used as OMP atoms.
/// </summary>
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

    /// <summary>The iteration run.</summary>
    public TrajectoryResult Trajectories { get; }

    /// <summary>Iterates k orthogonal starts of <paramref name="model"/>'s latent space.</summary>
    public static DataFreeDictionary Build(IAutoencoder model, ulong seed, TrajectoryOptions? options = null)
    {
        int k = model.LatentDim;
        var starts = LatentStarts.OrthogonalGaussian(k, k, seed);
        var traj = LatentFields.Trajectories.Run(new LatentMap(model), starts, options);
        return new DataFreeDictionary(model, starts, traj.Endpoints, traj);
    }

    /// <summary>
    /// For each sparsity level: the MSE between images [n, d] and the decoding of their OMP-coded latents, with the
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
