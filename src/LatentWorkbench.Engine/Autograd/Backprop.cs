namespace LatentWorkbench.Engine.Autograd;

/// <summary>Reverse-mode sweep over the tape from one output.</summary>
internal static class Backprop
{
    /// <summary>
    /// Propagates <paramref name="seed"/> (the gradient of <paramref name="root"/>) through the graph.
    /// When <paramref name="inputs"/> is given, returns their gradients instead of accumulating into leaves.
    /// </summary>
    public static Tensor?[]? Run(Tensor root, Tensor seed, bool createGraph, Tensor[]? inputs = null)
    {
        var order = TopologicalOrder(root);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [root] = seed };
        var wanted = inputs is null ? null : new HashSet<Tensor>(inputs, ReferenceEqualityComparer.Instance);

        using var mode = createGraph ? (IDisposable)GradMode.Enable() : GradMode.NoGrad();
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
