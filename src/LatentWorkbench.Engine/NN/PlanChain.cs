namespace LatentWorkbench.Engine.NN;

/// <summary>What one step of a gradient-free layer chain does.</summary>
internal enum PlanStepKind { Linear, Relu, LeakyRelu, Sigmoid, Tanh }

/// <summary>One step of a layer chain: a Linear layer, or a point-wise activation (with LeakyReLU's slope).</summary>
internal readonly record struct PlanStep(PlanStepKind Kind, Linear? Layer, float Slope);

/// <summary>
/// A chain of Linear layers and point-wise activations flattened out of (nested) Sequentials, with its widths: the
/// shared front end of the CPU <see cref="InferencePlan"/> and the GPU plan, so both accept exactly the same models.
/// </summary>
internal sealed record PlanChain(PlanStep[] Steps, int InFeatures, int OutFeatures, int MaxWidth)
{
    /// <summary>Flattens <paramref name="modules"/>; <paramref name="who"/> names the caller in error messages.</summary>
    /// <exception cref="NotSupportedException">A module other than the supported layers is in the chain.</exception>
    public static PlanChain Flatten(IEnumerable<Module> modules, string who)
    {
        var chain = TryFlatten(modules, who, out string? unsupported);
        if (chain is not null) return chain;
        if (unsupported is not null) throw new NotSupportedException(unsupported);
        throw new ArgumentException($"{who}: needs at least one Linear layer to fix its widths", nameof(modules));
    }

    /// <summary>
    /// Flattens <paramref name="modules"/>, or returns null when no plan runs them: a module is not supported
    /// (<paramref name="unsupported"/> says which) or the chain has no Linear layer to fix its widths
    /// (<paramref name="unsupported"/> null). Widths that do not chain are still an error.
    /// </summary>
    public static PlanChain? TryFlatten(IEnumerable<Module> modules, string who, out string? unsupported)
    {
        var steps = new List<PlanStep>();
        int? width = null;
        int maxWidth = 0;
        unsupported = null;
        foreach (var m in modules)
            if (!Add(m, steps, ref width, ref maxWidth, who, ref unsupported)) return null;
        if (width is null) return null;
        return new([.. steps], steps.First(s => s.Kind == PlanStepKind.Linear).Layer!.InFeatures, width.Value, maxWidth);
    }

    private static bool Add(Module module, List<PlanStep> steps, ref int? width, ref int maxWidth, string who, ref string? unsupported)
    {
        switch (module)
        {
            case Sequential seq:
                foreach (var m in seq)
                    if (!Add(m, steps, ref width, ref maxWidth, who, ref unsupported)) return false;
                return true;
            case Linear linear:
                if (width is not null && width != linear.InFeatures)
                    throw new ArgumentException($"{who}: Linear({linear.InFeatures} -> {linear.OutFeatures}) follows a layer of width {width}");
                steps.Add(new PlanStep(PlanStepKind.Linear, linear, 0f));
                width = linear.OutFeatures;
                maxWidth = Math.Max(maxWidth, Math.Max(linear.InFeatures, linear.OutFeatures));
                return true;
            case ReLU: steps.Add(new PlanStep(PlanStepKind.Relu, null, 0f)); return true;
            case LeakyReLU leaky: steps.Add(new PlanStep(PlanStepKind.LeakyRelu, null, leaky.NegativeSlope)); return true;
            case Sigmoid: steps.Add(new PlanStep(PlanStepKind.Sigmoid, null, 0f)); return true;
            case Tanh: steps.Add(new PlanStep(PlanStepKind.Tanh, null, 0f)); return true;
            case Identity: return true;
            case Dropout { Training: false }: return true;
            default:
                unsupported = $"{who}: {module.GetType().Name} is not supported (Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Identity, eval-mode Dropout and Sequential are)";
                return false;
        }
    }
}
