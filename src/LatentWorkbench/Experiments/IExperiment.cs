using System.Text.Json.Nodes;

namespace LatentWorkbench.Experiments;

/// <summary>
/// A paper experiment as <c>lwb reproduce</c> runs it: an adapter that builds the options of a typed analysis in
/// LatentFields/, Koopman/ or FunctionalMaps/ (the code the notebooks call), runs it and writes the result as JSON.
/// </summary>
public interface IExperiment
{
    /// <summary>The name used on the command line, e.g. "latent-field".</summary>
    string Name { get; }

    /// <summary>One line on what it reproduces.</summary>
    string Description { get; }

    /// <summary>Runs it; <paramref name="quick"/> shrinks epochs and sample counts to CI size. Returns the JSON summary.</summary>
    JsonObject Run(bool quick, ulong seed);
}
