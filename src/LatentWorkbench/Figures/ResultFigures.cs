using System.Collections.Concurrent;
using LatentWorkbench.Koopman;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Figures;

/// <summary>
/// The figure a result record is shown with when a notebook cell ends with it (below its table of numbers): results
/// hold numbers only, and this registry names the builder that draws each kind. The workbench's results are
/// registered here; a notebook or library registers its own with <see cref="Register{T}"/>.
/// </summary>
/// <example><code>
/// ResultFigures.Register&lt;MyResult&gt;(r =&gt; Figure.Create(Plot.Line(r.X, r.Y, "y")));
/// Figure? figure = ResultFigures.For(result);   // null when no builder is registered for its type
/// </code></example>
public static class ResultFigures
{
    private static readonly ConcurrentDictionary<Type, Func<object, Figure>> Builders = new();

    static ResultFigures()
    {
        Register<AttractorResult>(r => LatentFieldFigures.Attractors(r));
        Register<MemorizationSweepResult>(LatentFieldFigures.Memorization);
        Register<MemorizationAblationResult>(r => LatentFieldFigures.MemorizationAblation([r]));
        Register<AttractorDynamicsResult>(LatentFieldFigures.AttractorDynamics);
        Register<DictionaryBenchmarkResult>(LatentFieldFigures.Dictionary);
        Register<OodBenchmarkResult>(r => DetectionFigures.Roc(r.Scores));
        Register<BettiAcrossLayersResult>(KoopmanFigures.Betti0);
        Register<IsometryAblationResult>(KoopmanFigures.Ablation);
        Register<UnlearningLambdaSensitivityResult>(r => KoopmanFigures.LambdaSensitivity([r], $"Unlearning lambda, forgetting class {r.ForgetClass}"));
        Register<IterateFallResult>(r => KoopmanFigures.IterateFallBars([r]));
    }

    /// <summary>Draws results of type <typeparamref name="T"/> (and of types derived from it) with <paramref name="figure"/>; replaces an earlier builder.</summary>
    public static void Register<T>(Func<T, Figure> figure) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(figure);
        Builders[typeof(T)] = value => figure((T)value);
    }

    /// <summary>The figure of <paramref name="result"/> by the builder registered for its type or nearest base type; null when there is none.</summary>
    public static Figure? For(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        for (var type = result.GetType(); type != null; type = type.BaseType)
            if (Builders.TryGetValue(type, out var build)) return build(result);
        return null;
    }
}
