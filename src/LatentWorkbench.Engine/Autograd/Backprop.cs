namespace LatentWorkbench.Engine.Autograd;

/// <summary>Reverse-mode sweep over the tape from one output.</summary>
internal static class Backprop
{
    [ThreadStatic] private static bool _accumulatingIntoLeaves;

    /// <summary>
    /// True while a plain Backward() (no create_graph, no requested inputs) runs on this thread: backward rules may
    /// then add a leaf's gradient straight into its <see cref="Tensor.Grad"/> buffer (see <see cref="GradBufferOf"/>)
    /// instead of allocating it, as the sweep would only add it there at the end.
    /// </summary>
    public static bool AccumulatingIntoLeaves => _accumulatingIntoLeaves;

    /// <summary>
    /// The buffer a backward rule may accumulate <paramref name="leaf"/>'s gradient into, or null: only during a
    /// plain Backward(), only for a leaf whose Grad is a private, contiguous, non-graph tensor of its shape.
    /// </summary>
    public static Tensor? GradBufferOf(Tensor leaf)
    {
        if (!_accumulatingIntoLeaves || !leaf.IsLeaf || !leaf.RequiresGrad) return null;
        var g = leaf.Grad;
        if (g is null || !g.IsLeaf || g.RequiresGrad || !g.IsContiguous || ReferenceEquals(g.Storage, leaf.Storage)
            || !ShapeMath.SameShape(g.Dims, leaf.Dims)) return null;
        return g;
    }

    /// <summary>
    /// Propagates <paramref name="seed"/> (the gradient of <paramref name="root"/>) through the graph.
    /// When <paramref name="inputs"/> is given, returns their gradients instead of accumulating into leaves.
    /// </summary>
    public static Tensor?[]? Run(Tensor root, Tensor seed, bool createGraph, Tensor[]? inputs = null)
    {
        Interruption.ThrowIfRequested();
        var order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = seed };
        var wanted = inputs is null ? null : new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);

        using var mode = createGraph ? (IDisposable)GradMode.Enable() : GradMode.NoGrad();
        bool savedAccumulating = _accumulatingIntoLeaves;
        _accumulatingIntoLeaves = inputs is null && !createGraph;
        try
        {
            Sweep(order, grads, wanted);
        }
        finally
        {
            _accumulatingIntoLeaves = savedAccumulating;
        }

        if (inputs is not null)
        {
            var result = new Tensor?[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) result[i] = grads.TryGetValue(inputs[i], out var g) ? g : null;
            return result;
        }

        foreach (var t in order)
        {
            if (t.GradFn is not null || !t.RequiresGrad || !grads.TryGetValue(t, out var g)) continue;
            if (t.Grad is null) t.Grad = createGraph ? g : g.ContiguousCopy();
            else if (createGraph) t.Grad = t.Grad + g;
            else Ops.Elementwise.AddInPlace(t.Grad, g);
        }
        return null;
    }

    private static void Sweep(List<Tensor> order, Dictionary<Tensor, Tensor> grads, HashSet<Tensor>? wanted)
    {
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (!grads.TryGetValue(t, out var g)) continue;
            if (t.GradFn is null) continue;
            var inputGrads = t.GradFn.Backward(g);
            var nodeInputs = t.GradFn.Inputs;
            for (int j = 0; j < nodeInputs.Length; j++)
            {
                var gi = inputGrads[j];
                var x = nodeInputs[j];
                if (gi is null || !x.RequiresGrad) continue;
                if (!ShapeMath.SameShape(gi.Dims, x.Dims))
                    throw new InvalidOperationException($"autograd: {t.GradFn.OpName} produced a gradient of shape {ShapeMath.Format(gi.Dims)} for an input of shape {ShapeMath.Format(x.Dims)}");
                grads[x] = grads.TryGetValue(x, out var existing) ? existing + gi : gi;
            }
            if (wanted is null || !wanted.Contains(t)) grads.Remove(t);
        }
    }

    /// <summary>Nodes reachable from root, each after all of its inputs (iterative DFS; graphs can be deep).</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor node, int next)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputs = node.GradFn?.Inputs;
            if (inputs is not null && next < inputs.Length)
            {
                stack.Push((node, next + 1));
                var child = inputs[next];
                if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
            }
            else order.Add(node);
        }
        return order;
    }
}
