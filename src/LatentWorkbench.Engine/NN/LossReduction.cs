namespace LatentWorkbench.Engine.NN;

/// <summary>How a loss combines its per-element values (PyTorch's reduction argument).</summary>
public enum LossReduction
{
    /// <summary>The average (for weighted class losses, divided by the total weight).</summary>
    Mean,
    /// <summary>The sum.</summary>
    Sum,
    /// <summary>No reduction: one value per element (or per sample for class losses).</summary>
    None,
}
