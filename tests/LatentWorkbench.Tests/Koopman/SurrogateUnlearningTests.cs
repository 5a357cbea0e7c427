using LatentWorkbench.Interop;
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
        return (s.Surrogate.Encode(s.TrainLayers[0]).ToMatrix(), s.Surrogate.FullOperator().ToMatrix());
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

        var edit = SurrogateUnlearning.EditedOperator(s, 2, new UnlearningOptions { LambdaGrid = null });
        Assert.Equal(expectedClass, edit.TargetClass);
        Assert.Equal(0.1, edit.Lambda);
        Assert.Empty(edit.Candidates);
        var actual = edit.Operator.ToMatrix();
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
        Assert.Equal(ClassifierTraining.PerClassAccuracy(s.SurrogatePredictions(r.Edit.Operator), s.TestLabels, 3), r.After);
        var perRow = SurrogateUnlearning.Run(s, 2, new UnlearningOptions { MaxSamples = 50, Target = UnlearningTarget.NearestRetained });
        Assert.Null(perRow.TargetClass);
    }

    [Fact]
    public void WorstRetainedLossIsTheLargestDropOfAClassThatIsKept()
    {
        var edit = new UnlearningEdit(Tensor.Zeros(2, 2), 0.1, 1, null, null, []);
        // Class 2 is forgotten: its fall from 1.0 to 0.0 is not a loss; class 0 loses 0.05, class 1 gains.
        var result = new UnlearningResult(2, [0.90, 0.80, 1.00], [0.85, 0.82, 0.00], [], edit);
        Assert.Equal(0.05, result.WorstRetainedLoss, 12);
        // Every kept class gains: the largest "loss" is negative, the smallest gain.
        var gains = new UnlearningResult(0, [1.0, 0.5, 0.6], [0.0, 0.6, 0.9], [], edit);
        Assert.Equal(-0.1, gains.WorstRetainedLoss, 12);
    }

    [Fact]
    public void BadTargetClassAndSampleCountAreClearErrors()
    {
        var s = Study.Value;
        Assert.Contains("TargetClass", Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 2, new UnlearningOptions { TargetClass = 2 })).Message);
        Assert.Contains("MaxSamples", Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 2, new UnlearningOptions { MaxSamples = 0 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(s, 3));
    }

    [Fact]
    public void LambdaIsChosenOnValidationRowsOfTheTrainingSetOnly()
    {
        var s = Study.Value;
        var train = UnlearningData.FromTraining(s);
        var calls = new List<Tensor>();
        var recording = new UnlearningData(train.Observables, train.Labels, train.Classes, train.OperatorA, images =>
        {
            calls.Add(images);
            return train.ClassifyImages(images);
        });
        var options = new UnlearningOptions { LambdaGrid = [0.01, 0.1, 1, 10] };
        Matrix<double> trainZ = train.ObservableMatrix, trainA = train.OperatorMatrix;
        var edit = SurrogateUnlearning.EditedOperator(recording, 2, options);

        // The split partitions the training rows, stratified by class.
        var split = edit.Split!;
        Assert.Equal(Enumerable.Range(0, train.Labels.Length), split.Fit.Concat(split.Validation).Order());
        for (int c = 0; c < 3; c++)
        {
            int n = train.Labels.Count(l => l == c), v = split.Validation.Count(i => train.Labels[i] == c);
            Assert.Equal((int)Math.Round(0.2 * n), v);
        }
        // Every classification the selection made was of validation rows: before (A) and once per lambda (A').
        Assert.Equal(1 + 4, calls.Count);
        var validationZ = Matrix<double>.Build.DenseOfRowVectors(split.Validation.Select(i => trainZ.Row(i)));
        Assert.Equal((validationZ * trainA).ToTensor().ToArray(), calls[0].ToArray());
        Assert.All(calls, m => Assert.Equal(split.Validation.Length, m.Size(0)));

        // Each candidate's numbers, recomputed independently: the paper's m x m formula on the fit rows, scored on validation.
        var fitForget = split.Fit.Where(i => train.Labels[i] == 2).ToArray();
        var fitKeep = split.Fit.Where(i => train.Labels[i] != 2).ToArray();
        var h = Matrix<double>.Build.DenseOfRowVectors(fitForget.Select(i => trainZ.Row(i)));
        var xc = Matrix<double>.Build.DenseOfRowVectors(fitKeep.Select(i => trainZ.Row(i)));
        var fitImages = trainZ * trainA;
        var centreImage = fitImages.Row(CentreOf(fitImages, train.Labels, split.Fit, edit.TargetClass!.Value));
        var t = Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount, (_, j) => centreImage[j]);
        var validationLabels = split.Validation.Select(i => train.Labels[i]).ToArray();
        var before = ClassifierTraining.PerClassAccuracy(train.ClassifyImages(validationZ * trainA), validationLabels, 3);
        Assert.Equal(before, edit.ValidationBefore);
        foreach (var candidate in edit.Candidates)
        {
            var id = Matrix<double>.Build.DenseIdentity(h.ColumnCount);
            var c0Inv = (xc.Transpose() * xc + candidate.Lambda * id).Inverse();
            var d = h * c0Inv * h.Transpose() + candidate.Lambda * Matrix<double>.Build.DenseIdentity(h.RowCount);
            var aPrime = trainA + c0Inv * h.Transpose() * d.Solve(t - h * trainA);
            var after = ClassifierTraining.PerClassAccuracy(train.ClassifyImages(validationZ * aPrime), validationLabels, 3);
            Assert.Equal(after, candidate.ValidationAfter);
            Assert.Equal(after[2], candidate.ForgetAccuracy);
            Assert.Equal(Math.Max(before[0] - after[0], before[1] - after[1]), candidate.WorstRetainedLoss, 12);
        }
        // The rule: qualifying candidates (forget <= 0.2) first, then the smallest worst retained loss.
        var qualifying = edit.Candidates.Where(c => c.ForgetAccuracy <= 0.2).ToList();
        if (qualifying.Count > 0) Assert.Equal(qualifying.Min(c => c.WorstRetainedLoss), edit.Chosen!.WorstRetainedLoss);
        else Assert.Equal(edit.Candidates.Min(c => c.ForgetAccuracy), edit.Chosen!.ForgetAccuracy);
    }

    private static int CentreOf(Matrix<double> images, int[] labels, int[] rows, int cls)
    {
        var members = rows.Where(i => labels[i] == cls).ToArray();
        var mean = members.Select(i => images.Row(i)).Aggregate((x, y) => x + y) / members.Length;
        return members.OrderBy(i => (images.Row(i) - mean).L2Norm()).First();
    }

    [Fact]
    public void SelectionIsDeterministicForASeedAndTheSplitFollowsTheSeed()
    {
        var data = Synthetic(out _);
        var first = SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { Seed = 3 });
        var again = SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { Seed = 3 });
        var other = SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { Seed = 4 });
        Assert.Equal(first.Split!.Validation, again.Split!.Validation);
        Assert.Equal(first.Lambda, again.Lambda);
        Assert.Equal(first.Operator.ToArray(), again.Operator.ToArray());
        Assert.NotEqual(first.Split.Validation, other.Split!.Validation);
    }

    [Fact]
    public void SyntheticClustersAreForgottenAndTheOthersKept()
    {
        // Three well separated clusters on the axes, A = I, the class of an image its largest coordinate: the chosen edit
        // must move class 2's validation rows away from class 2 and leave classes 0 and 1 alone.
        var data = Synthetic(out _);
        var edit = SurrogateUnlearning.EditedOperator(data, 2);
        var chosen = edit.Chosen!;
        Assert.True(chosen.ForgetAccuracy <= 0.2, $"forget accuracy {chosen.ForgetAccuracy}");
        Assert.True(chosen.WorstRetainedLoss <= 0.03, $"worst retained loss {chosen.WorstRetainedLoss}");
        Assert.Equal(UnlearningOptions.DefaultLambdaGrid.Length, edit.Candidates.Count);
    }

    [Fact]
    public void ForgetClassWithoutSamplesSingularSystemAndBadGridAreClearErrors()
    {
        var data = Synthetic(out var labels);
        var noTwos = new UnlearningData(data.Observables, labels.Select(l => l == 2 ? 0 : l).ToArray(), 3, data.OperatorA, data.ClassifyImages);
        Assert.Contains("no training samples", Assert.Throws<ArgumentException>(() => SurrogateUnlearning.EditedOperator(noTwos, 2)).Message);
        Assert.Contains("no training samples", Assert.Throws<ArgumentException>(() =>
            SurrogateUnlearning.EditedOperator(noTwos, 2, new UnlearningOptions { LambdaGrid = null })).Message);
        int firstTwo = Array.IndexOf(labels, 2);
        var oneTwo = new UnlearningData(data.Observables, labels.Select((l, i) => l == 2 && i != firstTwo ? 0 : l).ToArray(), 3, data.OperatorA, data.ClassifyImages);
        Assert.Contains("too few", Assert.Throws<ArgumentException>(() => SurrogateUnlearning.EditedOperator(oneTwo, 2)).Message);

        // Observables of rank 1 and lambda = 0: C0 = X_c^T X_c is singular.
        var flat = Matrix<double>.Build.Dense(labels.Length, 3, (i, j) => j == 0 ? 1 + i % 7 : 0).ToTensor();
        var singular = new UnlearningData(flat, labels, 3, data.OperatorA, data.ClassifyImages);
        Assert.Contains("singular", Assert.Throws<InvalidOperationException>(() =>
            SurrogateUnlearning.EditedOperator(singular, 2, new UnlearningOptions { LambdaGrid = [0] })).Message);
        Assert.Contains("LambdaGrid", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { LambdaGrid = [] })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { LambdaGrid = [-1] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurrogateUnlearning.EditedOperator(data, 2, new UnlearningOptions { ValidationFraction = 1 }));
    }

    // 3 classes x 60 points around 3 e_c in R^3 (seeded noise), A = I, prediction = argmax of the image row.
    private static UnlearningData Synthetic(out int[] labels)
    {
        var rng = new Random(11);
        labels = Enumerable.Range(0, 180).Select(i => i % 3).ToArray();
        var l = labels;
        var z = Matrix<double>.Build.Dense(180, 3, (i, j) => (j == l[i] ? 3 : 0) + 0.3 * (rng.NextDouble() * 2 - 1));
        return new UnlearningData(z.ToTensor(), labels, 3, Tensor.Eye(3), images =>
        {
            var m = images.ToMatrix();
            var p = new int[m.RowCount];
            for (int i = 0; i < p.Length; i++) p[i] = m.Row(i).MaximumIndex();
            return p;
        });
    }
}
