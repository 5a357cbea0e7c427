using LatentWorkbench.Interop;
using LatentWorkbench.Engine.Autograd;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>
/// What choosing and building a class edit may see: the training set's observables phi(x0) (rows), their labels, the
/// operator A = K^k, and a classifier of images z A (decode, undo the last layer's preprocessing, apply the head).
/// Built from training data only, so a selection that works on it cannot peek at the test set.
/// </summary>
public sealed class UnlearningData
{
    private readonly Func<Matrix<double>, int[]> _classifyImages;

    /// <summary>Wraps training observables [n, d], labels [n], A [d, d] and a classifier of image rows [m, d] returning [m] classes.</summary>
    public UnlearningData(Matrix<double> observables, int[] labels, int classes, Matrix<double> operatorA, Func<Matrix<double>, int[]> classifyImages)
    {
        ArgumentNullException.ThrowIfNull(observables);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(operatorA);
        ArgumentNullException.ThrowIfNull(classifyImages);
        if (labels.Length != observables.RowCount)
            throw new ArgumentException($"{labels.Length} labels for {observables.RowCount} observable rows", nameof(labels));
        if (operatorA.RowCount != observables.ColumnCount || operatorA.ColumnCount != observables.ColumnCount)
            throw new ArgumentException($"A must be {observables.ColumnCount}x{observables.ColumnCount}, is {operatorA.RowCount}x{operatorA.ColumnCount}", nameof(operatorA));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "need at least two classes");
        Observables = observables; Labels = labels; Classes = classes; OperatorA = operatorA; _classifyImages = classifyImages;
    }

    /// <summary>phi(x0) of the training rows, [n, d] (d the observable dimension).</summary>
    public Matrix<double> Observables { get; }
    /// <summary>Labels of the training rows, [n].</summary>
    public int[] Labels { get; }
    /// <summary>Number of classes (at least 2); labels lie in 0..Classes-1.</summary>
    public int Classes { get; }
    /// <summary>A = K^k [d, d], the operator the edit changes.</summary>
    public Matrix<double> OperatorA { get; }

    /// <summary>Class predictions [m] for image rows z A [m, d] (the surrogate's last-layer path).</summary>
    public int[] ClassifyImages(Matrix<double> images) => _classifyImages(images);

    /// <summary>The training side of a study: its training observables and its surrogate's classification path.</summary>
    public static UnlearningData FromTraining(KoopmanStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        Matrix<double> z, a;
        using (GradMode.NoGrad())
        {
            z = study.Surrogate.Encode(study.TrainLayers[0]).ToMatrix();
            a = study.Surrogate.FullOperator().ToMatrix();
        }
        return new UnlearningData(z, study.TrainLabels, study.Classes, a, images =>
        {
            using var _ = GradMode.NoGrad();
            var decoded = study.Surrogate.Decode(images.ToTensor());
            return ClassifierTraining.PredictFromLastLayer(study.Classifier, study.Transforms[^1].Invert(decoded));
        });
    }
}
