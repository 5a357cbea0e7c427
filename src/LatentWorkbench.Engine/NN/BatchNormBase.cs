namespace LatentWorkbench.Engine.NN;

/// <summary>
/// Shared logic of <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/>, following PyTorch's _BatchNorm: parameters
/// weight (1) and bias (0) when affine; buffers running_mean (0), running_var (1) and num_batches_tracked (stored as a
/// float) when tracking running statistics. Training mode normalises with batch statistics and updates the buffers;
/// evaluation mode uses the buffers. A null momentum means a cumulative average over all batches seen.
/// </summary>
public abstract class BatchNormBase : Module
{
    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels.</summary>
    protected BatchNormBase(int numFeatures, float eps, float? momentum, bool affine, bool trackRunningStats)
    {
        if (numFeatures < 1) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, "must be positive");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be positive");
        NumFeatures = numFeatures; Eps = eps; Momentum = momentum; Affine = affine; TrackRunningStats = trackRunningStats;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(numFeatures));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0f));
        }
    }

    /// <summary>Number of channels C.</summary>
    public int NumFeatures { get; }
    /// <summary>Added to the variance for stability.</summary>
    public float Eps { get; }
    /// <summary>Weight of the new batch in the running averages, or null for a cumulative average.</summary>
    public float? Momentum { get; }
    /// <summary>Whether there is a learnable per-channel scale and shift.</summary>
    public bool Affine { get; }
    /// <summary>Whether running statistics are kept (and used in evaluation).</summary>
    public bool TrackRunningStats { get; }
    /// <summary>Scale [C], or null.</summary>
    public Tensor? Weight { get; }
    /// <summary>Shift [C], or null.</summary>
    public Tensor? Bias { get; }
    /// <summary>Running mean [C], or null.</summary>
    public Tensor? RunningMean { get; }
    /// <summary>Running (unbiased) variance [C], or null.</summary>
    public Tensor? RunningVar { get; }
    /// <summary>Number of training batches seen (scalar), or null.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Throws unless the input has the rank this variant accepts.</summary>
    protected abstract void CheckInput(Tensor input);

    /// <summary>Resets the running statistics to their initial values.</summary>
    public void ResetRunningStats()
    {
        if (RunningMean is null) return;
        Init.Zeros(RunningMean); Init.Ones(RunningVar!); Init.Zeros(NumBatchesTracked!);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        CheckInput(input);
        float factor = Momentum ?? 0f;
        if (Training && TrackRunningStats)
        {
            var count = NumBatchesTracked!.AsSpan();
            count[0] += 1f;
            if (Momentum is null) factor = 1f / count[0];
        }
        // Batch statistics are used in training, and also in evaluation when no running statistics exist.
        bool useBatchStats = Training || RunningMean is null;
        bool passBuffers = !Training || TrackRunningStats;
        return F.BatchNorm(input, passBuffers ? RunningMean : null, passBuffers ? RunningVar : null, Weight, Bias, useBatchStats, factor, Eps);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"{NumFeatures}, eps={PyFloat(Eps)}, momentum={(Momentum is float m ? PyFloat(m) : "None")}, affine={PyBool(Affine)}, track_running_stats={PyBool(TrackRunningStats)}";
}
