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
        var steps = new List<PlanStep>();
        int? width = null;
        int maxWidth = 0;
        foreach (var m in modules) Add(m, steps, ref width, ref maxWidth, who);
        if (width is null) throw new ArgumentException($"{who}: needs at least one Linear layer to fix its widths", nameof(modules));
        return new([.. steps], steps.First(s => s.Kind == PlanStepKind.Linear).Layer!.InFeatures, width.Value, maxWidth);
    }

    private static void Add(Module module, List<PlanStep> steps, ref int? width, ref int maxWidth, string who)
    {
        switch (module)
        {
            case Sequential seq:
                foreach (var m in seq) Add(m, steps, ref width, ref maxWidth, who);
                return;
            case Linear linear:
                if (width is not null && width != linear.InFeatures)
                    throw new ArgumentException($"{who}: Linear({linear.InFeatures} -> {linear.OutFeatures}) follows a layer of width {width}");
                steps.Add(new PlanStep(PlanStepKind.Linear, linear, 0f));
                width = linear.OutFeatures;
                maxWidth = Math.Max(maxWidth, Math.Max(linear.InFeatures, linear.OutFeatures));
                return;
            case ReLU: steps.Add(new PlanStep(PlanStepKind.Relu, null, 0f)); return;
            case LeakyReLU leaky: steps.Add(new PlanStep(PlanStepKind.LeakyRelu, null, leaky.NegativeSlope)); return;
            case Sigmoid: steps.Add(new PlanStep(PlanStepKind.Sigmoid, null, 0f)); return;
            case Tanh: steps.Add(new PlanStep(PlanStepKind.Tanh, null, 0f)); return;
            case Identity: return;
            case Dropout { Training: false }: return;
            default:
                throw new NotSupportedException($"{who}: {module.GetType().Name} is not supported (Linear, ReLU, LeakyReLU, Sigmoid, Tanh, Identity, eval-mode Dropout and Sequential are)");
        }
    }
}
