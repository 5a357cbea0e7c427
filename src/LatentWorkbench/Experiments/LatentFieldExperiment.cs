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
        var run = FieldAttractors.Run(FieldAttractorsOptions.For(quick, seed));
        var result = run.Attractors;
        return new JsonObject
        {
            ["model"] = ExperimentJson.Model(run.Model),
            ["attractors"] = result.Count,
            ["converged_fraction"] = ExperimentJson.Round(result.Trajectories.ConvergedFraction),
            ["max_spectral_radius"] = ExperimentJson.Round(result.MaxSpectralRadius),
            ["mean_steps"] = ExperimentJson.Round(result.Trajectories.MeanSteps),
        };
    }
}
