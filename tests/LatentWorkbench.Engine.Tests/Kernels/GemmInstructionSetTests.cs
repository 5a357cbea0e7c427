using LatentWorkbench.Engine.Kernels;
using Xunit.Abstractions;

namespace LatentWorkbench.Engine.Tests.Kernels;

/// <summary>Tests that switch the process-wide managed instruction set run alone.</summary>
[CollectionDefinition(nameof(InstructionSetSwitch), DisableParallelization = true)]
public sealed class InstructionSetSwitch;

/// <summary>
/// The AVX2 kernels forced on through the public switch (as on an AVX-512 machine imitating an AVX2-only one), against
/// the scalar kernel set and a double-precision triple loop, on odd sizes that leave edge tiles, partial A slivers,
/// several depth blocks and several B blocks.
/// </summary>
[Collection(nameof(InstructionSetSwitch))]
public class GemmInstructionSetTests(ITestOutputHelper output)
{
    private static readonly (int M, int N, int K)[] OddShapes =
    [
        (1, 1, 1), (5, 7, 3), (6, 16, 9), (7, 17, 257), (13, 31, 300), (37, 9, 513), (101, 203, 67), (255, 129, 511), (1000, 16, 256), (1024, 784, 17),
    ];

    [Fact]
    public void Forced_avx2_matches_scalar_kernels_and_double_reference_on_odd_sizes()
    {
        if (!GemmKernelSet.Avx2.IsSupported)
        {
            output.WriteLine("No AVX2 + FMA here; nothing to force.");
            return;
        }
        string before = Gemm.ManagedInstructionSet;
        try
        {
            Gemm.ManagedInstructionSet = "avx2";
            Assert.Equal("avx2", Gemm.ManagedInstructionSet);
            foreach (var (m, n, k) in OddShapes)
            {
                foreach (bool transA in new[] { false, true })
                {
                    foreach (bool transB in new[] { false, true })
                    {
                        var rng = new Random(m * 31 + n * 7 + k);
                        float[] a = Fill(rng, m * k), b = Fill(rng, k * n), c0 = Fill(rng, m * n);
                        int lda = transA ? m : k, ldb = transB ? k : n;
                        float[] avx2 = (float[])c0.Clone(), scalar = (float[])c0.Clone();
                        Gemm.Sgemm(GemmProvider.Managed, transA, transB, m, n, k, 1.5f, a, lda, b, ldb, 0.5f, avx2, n);
                        RunKernelSet(GemmKernelSet.Scalar, transA, transB, m, n, k, 1.5f, a, lda, b, ldb, 0.5f, scalar, n);
                        double[] exact = Reference(transA, transB, m, n, k, 1.5, a, lda, b, ldb, 0.5, c0);
                        string label = $"{m}x{n}x{k} tA={transA} tB={transB}";
                        AssertClose(label + " avx2 vs scalar", scalar, avx2, k);
                        AssertClose(label + " avx2 vs double", exact, avx2, k);
                    }
                }
            }
        }
        finally
        {
            Gemm.ManagedInstructionSet = before;
        }
    }

    [Fact]
    public void Avx2_with_tiny_caches_splits_into_many_blocks_and_still_matches_scalar()
    {
        if (!GemmKernelSet.Avx2.IsSupported)
        {
            output.WriteLine("No AVX2 + FMA here; nothing to check.");
            return;
        }
        // 4 KiB L1d and 16 KiB L2 give KC 40 and NC 48: every product below crosses depth and column blocks.
        var small = GemmKernelSet.Avx2.WithCaches(new CpuCaches(4096, 16384, 0, "test"));
        Assert.Equal(40, small.KC);
        Assert.Equal(48, small.NC);
        foreach (var (m, n, k) in new[] { (45, 197, 83), (130, 97, 121), (7, 300, 41) })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var rng = new Random(m + n + k + threads);
                float[] a = Fill(rng, m * k), b = Fill(rng, n * k), c0 = Fill(rng, m * n);
                float[] avx2 = (float[])c0.Clone(), scalar = (float[])c0.Clone();
                RunKernelSet(small, false, true, m, n, k, 1f, a, k, b, k, 1f, avx2, n, threads);
                RunKernelSet(GemmKernelSet.Scalar, false, true, m, n, k, 1f, a, k, b, k, 1f, scalar, n);
                AssertClose($"{m}x{n}x{k} threads={threads}", scalar, avx2, k);
            }
        }
    }

    [Theory]
    [InlineData(nameof(GemmActivation.None))]
    [InlineData(nameof(GemmActivation.Relu))]
    [InlineData(nameof(GemmActivation.LeakyRelu))]
    [InlineData(nameof(GemmActivation.Sigmoid))]
    [InlineData(nameof(GemmActivation.Tanh))]
    public void Forced_avx2_fused_bias_and_activation_match_the_unfused_scalar_reference(string activationName)
    {
        var activation = Enum.Parse<GemmActivation>(activationName);
        if (!GemmKernelSet.Avx2.IsSupported)
        {
            output.WriteLine("No AVX2 + FMA here; nothing to force.");
            return;
        }
        string before = Gemm.ManagedInstructionSet;
        GemmProvider provider = Gemm.Provider;
        try
        {
            Gemm.ManagedInstructionSet = "avx2";
            Gemm.Provider = GemmProvider.Managed;
            // Odd widths, depth past KC (several depth blocks: the epilogue must run once, after the last), one product
            // large enough to be split across threads.
            foreach (var (m, n, k) in new[] { (7, 13, 5), (61, 67, 521), (300, 211, 300), (1, 785, 16) })
            {
                var rng = new Random(m * n + k);
                float[] x = Fill(rng, m * k), w = Fill(rng, n * k), bias = Fill(rng, n);
                float[] fused = new float[m * n];
                Array.Fill(fused, float.NaN); // beta 0: garbage must be overwritten
                Gemm.SgemmBiasActivation(false, true, m, n, k, x, k, w, k, bias, activation, 0.1f, fused, n);

                float[] expected = new float[m * n];
                RunKernelSet(GemmKernelSet.Scalar, false, true, m, n, k, 1f, x, k, w, k, 0f, expected, n);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++) expected[i * n + j] = Activate(activation, expected[i * n + j] + bias[j]);
                }
                AssertClose($"{activation} {m}x{n}x{k}", expected, fused, k);
            }
        }
        finally
        {
            Gemm.ManagedInstructionSet = before;
            Gemm.Provider = provider;
        }
    }

    [Fact]
    public void Instruction_set_names_are_checked()
    {
        string before = Gemm.ManagedInstructionSet;
        try
        {
            Assert.Contains("LWB_ISA", Assert.Throws<ArgumentException>(() => Gemm.ManagedInstructionSet = "sse9").Message);
            if (!GemmKernelSet.Avx512.IsSupported)
                Assert.Contains("cannot run", Assert.Throws<ArgumentException>(() => Gemm.ManagedInstructionSet = "avx512").Message);
            Gemm.ManagedInstructionSet = "scalar";
            Assert.Equal("scalar", Gemm.ManagedInstructionSet);
            Gemm.ManagedInstructionSet = " Auto ";
            Assert.Equal(GemmKernelSet.Best.Name, Gemm.ManagedInstructionSet);
        }
        finally
        {
            Gemm.ManagedInstructionSet = before;
        }
    }

    [Fact]
    public void Cache_override_parses_sizes()
    {
        var c = CpuCaches.Parse("32K, 512k ,16M");
        Assert.Equal(32 * 1024, c.L1d);
        Assert.Equal(512 * 1024, c.L2);
        Assert.Equal(16L << 20, c.L3);
        Assert.Equal("L1d 32 KiB, L2 512 KiB, L3 16 MiB (LWB_CACHES)", c.ToString());
        Assert.Throws<ArgumentException>(() => CpuCaches.Parse("32K,512K"));
        Assert.Throws<ArgumentException>(() => CpuCaches.Parse("32K,-1,16M"));
        Assert.True(CpuCaches.Current.L1d > 0 && CpuCaches.Current.L2 > 0);
    }

    private static float Activate(GemmActivation activation, float v) => activation switch
    {
        GemmActivation.Relu => v < 0f ? 0f : v,
        GemmActivation.LeakyRelu => v > 0f ? v : 0.1f * v,
        GemmActivation.Sigmoid => 1f / (1f + MathF.Exp(-v)),
        GemmActivation.Tanh => MathF.Tanh(v),
        _ => v,
    };

    private static unsafe void RunKernelSet(GemmKernelSet ks, bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc, int threads = 1)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            ManagedGemm.Sgemm(ks, threads, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, parallelThreshold: threads > 1 ? 0 : long.MaxValue);
        }
    }

    private static double[] Reference(bool transA, bool transB, int m, int n, int k, double alpha, float[] a, int lda, float[] b, int ldb, double beta, float[] c)
    {
        var r = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)(transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                r[i * n + j] = alpha * sum + beta * c[i * n + j];
            }
        }
        return r;
    }

    private static float[] Fill(Random rng, int count)
    {
        var v = new float[count];
        for (int i = 0; i < count; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
        return v;
    }

    // Summation order differs between kernel sets (different KC and tile shapes), so allow k-scaled float rounding.
    private static void AssertClose(string label, float[] expected, float[] actual, int k) =>
        AssertClose(label, Array.ConvertAll(expected, x => (double)x), actual, k);

    private static void AssertClose(string label, double[] expected, float[] actual, int k)
    {
        double tol = 2e-5 * (k + 2);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tol))
                Assert.Fail($"{label}: element {i} is {actual[i]}, expected {expected[i]} (tol {tol:g3})");
        }
    }
}
