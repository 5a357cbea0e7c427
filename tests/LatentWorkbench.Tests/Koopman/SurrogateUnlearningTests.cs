using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Koopman;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The edit applied to a trained study: target choice, the formula on the study's observables, bad input.</summary>
public class SurrogateUnlearningTests
{
    private static readonly Lazy<KoopmanStudy> Study = new(() => KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick: true) with
    {
        Classifier = new ClassifierOptions { Epochs = 3 },
        Koopman = new KoopmanOptions { Epochs = 2, PeakLearningRate = 0.05 },
    }));

    private static (Matrix<double> Z, Matrix<double> A) Observables(KoopmanStudy s)
    {
        using var _ = GradMode.NoGrad();
        return (LayerPreprocessing.ToMatrix(s.Surrogate.Encode(s.TrainLayers[0])), LayerPreprocessing.ToMatrix(s.Surrogate.FullOperator()));
    }

    [Fact]
    public void ClassCentreTargetIsTheImageOfTheNearestClassesCentrePointForEveryForgottenRow()
    {
        var s = Study.Value;
        var (z, a) = Observables(s);
        var images = z * a;
        var labels = s.TrainLabels;
        Vector<double> Mean(int c)
        {
            var rows = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            return rows.Select(i => images.Row(i)).Aggregate((x, y) => x + y) / rows.Length;
        }
        // Independent choice: the retained class with the nearest mean image, and its point nearest that mean.
        int expectedClass = new[] { 0, 1 }.OrderBy(c => (Mean(c) - Mean(2)).L2Norm()).First();
        int centre = Enumerable.Range(0, labels.Length).Where(i => labels[i] == expectedClass).OrderBy(i => (images.Row(i) - Mean(expectedClass)).L2Norm()).First();
        var h = Matrix<double>.Build.DenseOfRowVectors(Enumerable.Range(0, labels.Length).Where(i => labels[i] == 2).Select(i => z.Row(i)));
        var xc = Matrix<double>.Build.DenseOfRowVectors(Enumerable.Range(0, labels.Length).Where(i => labels[i] != 2).Select(i => z.Row(i)));
        var t = Matrix<double>.Build.Dense(h.RowCount, a.ColumnCount, (_, j) => images[centre, j]);
        var expected = ClassUnlearning.Edit(a, h, xc, t, 0.1);

        var (edited, targetClass) = SurrogateUnlearning.EditedOperator(s, 2);
        Assert.Equal(expectedClass, targetClass);
        var actual = LayerPreprocessing.ToMatrix(edited);
        Assert.True((actual - expected).FrobeniusNorm() <= 1e-5 * Math.Max(1, expected.FrobeniusNorm()));
    }

    [Fact]
    public void RunScoresTheEditedSurrogatePerClass()
    {
        var s = Study.Value;
        var r = SurrogateUnlearning.Run(s, 2, new UnlearningOptions { MaxSamples = 50, TargetClass = 0 });
        Assert.Equal(0, r.TargetClass);
        Assert.Equal(ClassifierTraining.PerClassAccuracy(s.SurrogatePredictions(), s.TestLabels, 3), r.Before);
        Assert.Equal(ClassifierTraining.PerClassAccuracy(r.PredictionsAfter, s.TestLabels, 3), r.After);
        var perRow = SurrogateUnlearning.Run(s, 2, new UnlearningOptions { MaxSamples = 50, Target = UnlearningTarget.NearestRetained });
        Assert.Null(perRow.TargetClass);
    }

    [Fact]
    public void BadTargetClassAndSampleCountAreClearErrors()
    {
        var s = Study.Value;
        Assert.Contains("TargetClass", Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 2, new UnlearningOptions { TargetClass = 2 })).Message);
        Assert.Contains("MaxSamples", Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 2, new UnlearningOptions { MaxSamples = 0 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 3));
    }
}
