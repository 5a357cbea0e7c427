using System.Globalization;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// What classifying trajectories costs over iterating them: 10,000 starts of the attractor-kind study (training latents
/// and Gaussian points around them) on its quick MNIST k = 16 MLP autoencoder (from the model cache; trained on a miss,
/// about ten seconds), 1,000 steps at most, once through <see cref="Trajectories.Run(LatentMap, ReadOnlySpan{float}, TrajectoryOptions?)"/>
/// (plain iteration with the paper's stopping rule) and once through <see cref="AttractorKindClassifier"/> with the same
/// tolerance and step limit. A trained model, because a random one's map settles within a few steps: on this one most
/// trajectories circle a long cycle and run the full 1,000 steps, the classifier's worst case (its history, anchors and
/// Lyapunov tangent all at work). Reports classification time / iteration time (lower is better; the target is at most 1.5).
/// </summary>
public static class AttractorKindsWorkload
{
    /// <summary>Runs the workload at its reference size; the best of <paramref name="repeats"/> alternating passes of each side counts.</summary>
    public static BenchmarkResult Run(int repeats = 1) => Run(repeats, starts: 10000, steps: 1000);

    /// <summary>Runs the workload with <paramref name="starts"/> trajectories of at most <paramref name="steps"/> steps (at least the Lyapunov window of 250 steps).</summary>
    public static BenchmarkResult Run(int repeats, int starts, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(starts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 250);
        var study = AttractorKindStudyOptions.Quick() with { PrintTraining = false, TrainStarts = starts / 2, NoiseStarts = starts - starts / 2 };
        var run = ModelCache.TrainOrLoad(study.Recipe("mnist", 16), options: study.TrainingFor(study.Recipe("mnist", 16)));
        var points = AttractorKindStudy.Starts(run, study);
        var flat = points.Contiguous().ToArray();
        var map = new LatentMap(run.Autoencoder);
        var iterate = new TrajectoryOptions { MaxIterations = steps };
        var classify = new AttractorKindOptions { MaxIterations = steps, Tolerance = iterate.Tolerance };

        var timer = new WorkloadTimer();
        TrajectoryResult? plain = null;
        AttractorKindResult? kinds = null;
        // Alternating the two sides keeps a change in the machine's load from favouring one of them.
        double plainSeconds = double.PositiveInfinity, classifySeconds = double.PositiveInfinity;
        for (int r = 0; r < Math.Max(repeats, 1); r++)
        {
            plainSeconds = Math.Min(plainSeconds, WorkloadTimer.BestOf(() => plain = Trajectories.Run(map, flat, iterate), 1));
            classifySeconds = Math.Min(classifySeconds, WorkloadTimer.BestOf(() => kinds = AttractorKindClassifier.Classify(map, points, classify), 1));
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attractor-kinds: {points.Size(0)} starts, at most {steps} steps: iteration {plainSeconds:F1} s ({plain!.PointSteps} point-steps, " +
            $"{plain.ConvergedFraction:P0} converged), classification {classifySeconds:F1} s ({kinds!.PointSteps} point-steps with the tangent; {kinds})"));
        return timer.Result("attractor-kinds", classifySeconds / plainSeconds, "classification seconds / iteration seconds");
    }
}
