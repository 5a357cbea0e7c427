namespace LatentWorkbench.LatentFields;

/// <summary>Which suspected cause of the trajectory score's weakness a condition of <see cref="OodAblation"/> changes.</summary>
public enum OodFactor
{
    /// <summary>The benchmark's own score (<see cref="OodBenchmark"/>): every other condition changes one thing against it.</summary>
    Control,

    /// <summary>H1: how many training attractors there are (merge radius, the paper's cosine rule, every end point).</summary>
    AttractorCount,

    /// <summary>H2: the distance the score measures (raw latent, per-dimension standardised latent, cosine).</summary>
    Normalisation,

    /// <summary>H3: which part of the path is averaged (whole path, start only, first steps, end point).</summary>
    PathLength,

    /// <summary>H4: how many training starts the attractors are found from.</summary>
    Starts,

    /// <summary>
    /// H5: the bottleneck k of the model (the same recipe retrained with another k; the only factor that changes the
    /// model, so its trajectories and attractors are the new model's).
    /// </summary>
    Bottleneck,

    /// <summary>
    /// Not one of the hypotheses, a diagnostic: the training latents themselves instead of their attractors, which
    /// tells whether the trouble is the attractors or distances along paths as such.
    /// </summary>
    Reference,
}
