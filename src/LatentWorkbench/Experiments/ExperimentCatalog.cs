namespace LatentWorkbench.Experiments;

/// <summary>The experiments <c>lwb reproduce</c> knows, one line each.</summary>
public static class ExperimentCatalog
{
    /// <summary>All experiments in help order.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new LatentFieldExperiment(), new LatentFieldMemorizationExperiment(), new LatentFieldDictionaryExperiment(), new LatentFieldOodExperiment(),
        new AttractorKindsExperiment(),
        new KoopmanExperiment(), new KoopmanUnlearningExperiment(),
        new LfmExperiment(),
        new WhyKoopmanExperiment(),
    ];

    /// <summary>The experiment called <paramref name="name"/>, or an error listing the known ones.</summary>
    public static IExperiment Get(string name) =>
        All.FirstOrDefault(e => e.Name == name)
        ?? throw new ArgumentException($"unknown experiment '{name}'; expected one of: {string.Join(", ", All.Select(e => e.Name))}");
}
