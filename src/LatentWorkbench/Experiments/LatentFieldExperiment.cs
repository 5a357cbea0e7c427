using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>Attractors of a k = 2 MLP autoencoder on MNIST from the paper's [-8, 8]^2 grid and training latents.</summary>
public sealed class LatentFieldExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "latent-field";

    /// <inheritdoc/>
    public string Description => "latent vector field of a k=2 MNIST autoencoder: attractors, convergence, Jacobian spectra";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var run = LatentFieldSupport.Model("mnist", 2, quick, seed);
        var map = new LatentMap(run.Autoencoder);
        var train = LatentStarts.Encode(run.Autoencoder, LatentFieldSupport.Images("mnist", "train", quick ? 1000 : 5000, seed));
        var grid = LatentStarts.PaperGrid(quick ? 20 : 50);
        var starts = new float[train.Length + grid.Length];
        train.CopyTo(starts, 0);
        grid.CopyTo(starts, train.Length);
        var result = AttractorFinder.Find(map, starts, new AttractorOptions { Trajectory = new TrajectoryOptions { ShowProgress = true } });
        return new JsonObject
        {
            ["attractors"] = result.Count,
            ["converged_fraction"] = LatentFieldSupport.Round(result.Trajectories.ConvergedFraction),
            ["max_spectral_radius"] = LatentFieldSupport.Round(result.MaxSpectralRadius),
            ["mean_steps"] = LatentFieldSupport.Round(result.Trajectories.MeanSteps),
        };
    }
}
