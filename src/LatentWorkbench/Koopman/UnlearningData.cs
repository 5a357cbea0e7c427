using LatentWorkbench.Interop;
using LatentWorkbench.Engine;
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
    private readonly Func<Tensor, int[]> _classifyImages;

    /// <summary>
    /// Wraps training observables [n, d], labels [n], A [d, d] and a classifier of image rows [m, d] returning [m] classes.
    /// The observables and A are widened to double once here (the edit solves in double).
    /// </summary>
    public UnlearningData(Tensor observables, int[] labels, int classes, Tensor operatorA, Func<Tensor, int[]> classifyImages)
    {
        ArgumentNullException.ThrowIfNull(observables);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(operatorA);
        ArgumentNullException.ThrowIfNull(classifyImages);
        if (observables.Rank != 2) throw new ArgumentException($"observables must be [n, d], got rank {observables.Rank}", nameof(observables));
        if (operatorA.Rank != 2) throw new ArgumentException($"A must be [d, d], got rank {operatorA.Rank}", nameof(operatorA));
        int n = observables.Size(0), d = observables.Size(1);
        if (labels.Length != n)
            throw new ArgumentException($"{labels.Length} labels for {n} observable rows", nameof(labels));
        if (operatorA.Size(0) != d || operatorA.Size(1) != d)
            throw new ArgumentException($"A must be {d}x{d}, is {operatorA.Size(0)}x{operatorA.Size(1)}", nameof(operatorA));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "need at least two classes");
        Observables = observables; Labels = labels; Classes = classes; OperatorA = operatorA; _classifyImages = classifyImages;
        ObservableMatrix = observables.ToMatrix();
        OperatorMatrix = operatorA.ToMatrix();
    }

    /// <summary>phi(x0) of the training rows, [n, d] (d the observable dimension).</summary>
    public Tensor Observables { get; }
    /// <summary>Labels of the training rows, [n].</summary>
    public int[] Labels { get; }
    /// <summary>Number of classes (at least 2); labels lie in 0..Classes-1.</summary>
    public int Classes { get; }
    /// <summary>A = K^k [d, d], the operator the edit changes.</summary>
    public Tensor OperatorA { get; }

    // The double copies the edit and the lambda sweep compute with (exact widenings of the tensors above).
    internal Matrix<double> ObservableMatrix { get; }
    internal Matrix<double> OperatorMatrix { get; }

    /// <summary>Class predictions [m] for image rows z A [m, d] (the surrogate's last-layer path).</summary>
    public int[] ClassifyImages(Tensor images) => _classifyImages(images);

    // Images computed in double are rounded to float32 once, as the surrogate's decoder reads them.
    internal int[] ClassifyImages(Matrix<double> images) => _classifyImages(images.ToTensor());

    /// <summary>The training side of a study: its training observables and its surrogate's classification path.</summary>
    public static UnlearningData FromTraining(KoopmanStudy study)
    {
        ArgumentNullException.ThrowIfNull(study);
        Tensor z, a;
        using (GradMode.NoGrad())
        {
            z = study.Surrogate.Encode(study.TrainLayers[0]);
            a = study.Surrogate.FullOperator();
        }
        return new UnlearningData(z, study.TrainLabels, study.Classes, a, images =>
        {
            using var _ = GradMode.NoGrad();
            var decoded = study.Surrogate.Decode(images);
            return ClassifierTraining.PredictFromLastLayer(study.Classifier, study.Transforms[^1].Invert(decoded));
        });
    }
}
