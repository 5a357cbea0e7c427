using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Optim;

/// <summary>Common ways of splitting a model's parameters into optimizer groups.</summary>
public static class ParamGroups
{
    /// <summary>
    /// Two groups: weights (parameters with 2 or more dimensions) with <paramref name="weightDecay"/>, and biases and
    /// normalisation scales/shifts (1-D and scalar parameters) without weight decay. Empty groups are left out.
    /// </summary>
    public static ParamGroup[] SplitDecay(Module module, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(module);
        var decay = new List<Tensor>();
        var noDecay = new List<Tensor>();
        foreach (var p in module.Parameters()) (p.Rank >= 2 ? decay : noDecay).Add(p);
        var groups = new List<ParamGroup>(2);
        if (decay.Count > 0) groups.Add(new ParamGroup(decay, weightDecay: weightDecay));
        if (noDecay.Count > 0) groups.Add(new ParamGroup(noDecay, weightDecay: 0));
        return [.. groups];
    }
}
