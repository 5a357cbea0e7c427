namespace LatentWorkbench.Engine.Autograd;

/// <summary>
/// One recorded operation on the autograd tape: its inputs and the rule that maps the gradient
/// of its output to gradients of its inputs (null where an input needs none).
/// </summary>
internal sealed class GradNode(string opName, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    public string OpName { get; } = opName;
    public Tensor[] Inputs { get; } = inputs;
    public Func<Tensor, Tensor?[]> Backward { get; } = backward;
}
