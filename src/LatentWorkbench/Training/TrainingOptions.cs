namespace LatentWorkbench.Training;

/// <summary>How <see cref="Trainer"/> runs: epochs, checkpoints and progress output.</summary>
public sealed record TrainingOptions
{
    /// <summary>Number of passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Where to write checkpoints (a .safetensors file); null disables checkpointing.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write a checkpoint every this many epochs (and always after the last one).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Continue from <see cref="CheckpointPath"/> when it exists.</summary>
    public bool Resume { get; init; } = true;

    /// <summary>
    /// Evaluate the test data every this many epochs (and always after the last one); skipped epochs report no test
    /// loss. Long runs on small training sets spend much of their time evaluating, so they raise this.
    /// </summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Show a progress bar per epoch.</summary>
    public bool ShowProgress { get; init; } = true;

    /// <summary>Print one summary line per epoch.</summary>
    public bool PrintEpochSummary { get; init; } = true;
}
