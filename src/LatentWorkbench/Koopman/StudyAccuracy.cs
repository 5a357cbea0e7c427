namespace LatentWorkbench.Koopman;

/// <summary>
/// Test accuracy of a study's classifier and of its Koopman surrogate (the paper's claim: the surrogate keeps the
/// classifier's accuracy), optionally of the DMD baseline (one linear operator from first to last layer).
/// </summary>
/// <param name="Classifier">Accuracy of the residual MLP on the test inputs.</param>
/// <param name="Surrogate">Accuracy when the last layer comes from the Koopman surrogate psi(phi(x0) K^k).</param>
/// <param name="Dmd">Accuracy when the last layer comes from the DMD operator fitted on the training layers; null when not measured.</param>
public sealed record StudyAccuracy(double Classifier, double Surrogate, double? Dmd)
{
    /// <summary>Measures <paramref name="study"/> on its test set; the DMD baseline only when <paramref name="withDmd"/>.</summary>
    /// <example><code>
    /// var accuracy = StudyAccuracy.Measure(KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.Mnist(quick: true)), withDmd: true);
    /// Console.WriteLine($"surrogate keeps {accuracy.Surrogate / accuracy.Classifier:P1} of the classifier's accuracy");
    /// </code></example>
    public static StudyAccuracy Measure(KoopmanStudy study, bool withDmd = false)
    {
        ArgumentNullException.ThrowIfNull(study);
        double classifier = ClassifierTraining.Accuracy(study.ClassifierPredictions(), study.TestLabels);
        double surrogate = ClassifierTraining.Accuracy(study.SurrogatePredictions(), study.TestLabels);
        return new StudyAccuracy(classifier, surrogate, withDmd ? DmdAccuracy(study) : null);
    }

    private static double DmdAccuracy(KoopmanStudy study)
    {
        var a = LatentWorkbench.Koopman.Dmd.FitOperator(study.TrainLayers[0], study.TrainLayers[^1]);
        var last = study.Transforms[^1].Invert(study.TestLayers[0].MatMul(a));
        return ClassifierTraining.Accuracy(ClassifierTraining.PredictFromLastLayer(study.Classifier, last), study.TestLabels);
    }
}
