namespace LatentWorkbench.Engine.NN;

/// <summary>Expands dimension <see cref="Dim"/> into <see cref="UnflattenedSize"/> (torch.nn.Unflatten), e.g. [N, 64] to [N, 4, 4, 4].</summary>
public sealed class Unflatten : Module
{
    /// <summary>Creates the layer; the product of <paramref name="unflattenedSize"/> must equal the size of <paramref name="dim"/>.</summary>
    public Unflatten(int dim, int[] unflattenedSize)
    {
        ArgumentNullException.ThrowIfNull(unflattenedSize);
        if (unflattenedSize.Length == 0) throw new ArgumentException("Unflatten: unflattenedSize must not be empty", nameof(unflattenedSize));
        Dim = dim;
        UnflattenedSize = (int[])unflattenedSize.Clone();
    }

    /// <summary>The dimension that is expanded.</summary>
    public int Dim { get; }
    /// <summary>The shape it is expanded into (may contain one -1).</summary>
    public int[] UnflattenedSize { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        int d = ShapeMath.Axis(Dim, input.Rank, nameof(Dim));
        var shape = new List<int>(input.Rank + UnflattenedSize.Length - 1);
        for (int i = 0; i < d; i++) shape.Add(input.Dims[i]);
        shape.AddRange(UnflattenedSize);
        for (int i = d + 1; i < input.Rank; i++) shape.Add(input.Dims[i]);
        long product = 1;
        bool inferred = false;
        foreach (int s in UnflattenedSize) { if (s == -1) inferred = true; else product *= s; }
        if ((!inferred && product != input.Dims[d]) || (inferred && (product == 0 || input.Dims[d] % product != 0)))
            throw new ArgumentException($"Unflatten: dimension {d} of input {ShapeMath.Format(input.Dims)} has size {input.Dims[d]}, which does not match {ShapeMath.Format(UnflattenedSize)}", nameof(input));
        return input.Reshape([.. shape]);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"dim={Dim}, unflattened_size=({string.Join(", ", UnflattenedSize)}{(UnflattenedSize.Length == 1 ? "," : "")})";
}
