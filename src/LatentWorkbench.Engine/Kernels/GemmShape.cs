namespace LatentWorkbench.Engine.Kernels;

/// <summary>One GEMM shape to time: C (m x n) = op(A) (m x k) op(B) (k x n).</summary>
/// <param name="Name">Label for reports.</param>
/// <param name="M">Rows of C.</param>
/// <param name="N">Columns of C.</param>
/// <param name="K">Inner dimension.</param>
/// <param name="TransA">Whether A is stored transposed (k x m).</param>
/// <param name="TransB">Whether B is stored transposed (n x k).</param>
public sealed record GemmShape(string Name, int M, int N, int K, bool TransA = false, bool TransB = false)
{
    /// <summary>Floating-point operations of one product (a multiply and an add per term).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The square n=2048 product used as the headline number, plus the workbench's skinny shapes.</summary>
    public static IReadOnlyList<GemmShape> Standard { get; } =
    [
        new("square 2048", 2048, 2048, 2048),
        new("square 1024", 1024, 1024, 1024),
        new("square 256", 256, 256, 256),
        new("square 128", 128, 128, 128),
        new("square 64", 64, 64, 64),
        new("mlp fwd 128x784 . 784x512", 128, 512, 784),
        new("mlp fwd x.W^T 128x784 . (512x784)^T", 128, 512, 784, TransB: true),
        new("mlp dW (128x512)^T . 128x784", 512, 784, 128, TransA: true),
        new("latent 10000x16 . 16x256", 10000, 256, 16),
        new("latent 10000x256 . 256x16", 10000, 16, 256),
        new("batch 128x16 . 16x256", 128, 256, 16),
    ];
}
