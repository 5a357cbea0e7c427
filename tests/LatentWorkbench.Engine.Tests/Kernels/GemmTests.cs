using LatentWorkbench.Engine.Kernels;
using Xunit.Abstractions;

namespace LatentWorkbench.Engine.Tests.Kernels;

public class GemmTests(ITestOutputHelper output)
{
    /// <summary>A product to check: shape, transposes, extra leading-dimension padding and scalars.</summary>
    public sealed record Case(int M, int N, int K, bool TransA, bool TransB, int PadA, int PadB, int PadC, float Alpha, float Beta)
    {
        public int Lda => (TransA ? M : K) + PadA;
        public int Ldb => (TransB ? K : N) + PadB;
        public int Ldc => N + PadC;
        public int LengthA => (TransA ? K : M) * Lda;
        public int LengthB => (TransB ? N : K) * Ldb;
        public int LengthC => M * Ldc;
        public override string ToString() => $"{M}x{N}x{K} tA={TransA} tB={TransB} pad={PadA},{PadB},{PadC} a={Alpha} b={Beta}";
    }

    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 1, 7), (2, 3, 5), (7, 13, 11), (8, 48, 256), (9, 49, 257), (6, 16, 3), (5, 15, 300),
        (17, 31, 29), (31, 97, 53), (64, 64, 64), (13, 200, 9), (200, 13, 9), (128, 16, 37), (3, 517, 19),
        (61, 67, 521), (129, 785, 33), (1000, 17, 16), (16, 3, 1000), (97, 101, 103),
    ];

    public static TheoryData<Case> Cases() => new(AllCases());

    private static List<Case> AllCases()
    {
        var data = new List<Case>();
        float[] alphas = [1f, -0.5f, 2f];
        float[] betas = [0f, 1f, 0.75f];
        int i = 0;
        foreach (var (m, n, k) in Shapes)
        {
            for (int t = 0; t < 4; t++)
            {
                // Cycle paddings and scalars so every combination appears without a full cross product.
                int pad = (i % 3) * 3;
                data.Add(new Case(m, n, k, (t & 1) != 0, (t & 2) != 0, pad, (pad + 5) % 7, (i % 2) * 4, alphas[i % 3], betas[(i / 3) % 3]));
                i++;
            }
        }
        return data;
    }

    public static TheoryData<string> KernelSets() => new("avx512", "avx2", "scalar");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Managed_matches_double_reference(Case x)
    {
        (float[] a, float[] b, float[] c) = Operands(x, seed: x.GetHashCode());
        double[] expected = Reference(x, a, b, c);
        Gemm.Sgemm(GemmProvider.Managed, x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, a, x.Lda, b, x.Ldb, x.Beta, c, x.Ldc);
        AssertClose(x, expected, c);
    }

    [Theory]
    [MemberData(nameof(KernelSets))]
    public void Every_kernel_set_matches_reference_single_and_multi_threaded(string name)
    {
        GemmKernelSet ks = name switch { "avx512" => GemmKernelSet.Avx512, "avx2" => GemmKernelSet.Avx2, _ => GemmKernelSet.Scalar };
        if (!ks.IsSupported)
        {
            output.WriteLine($"{name} instructions are not available on this machine; nothing to check.");
            return;
        }
        foreach (Case x in AllCases())
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                (float[] a, float[] b, float[] c) = Operands(x, seed: threads);
                double[] expected = Reference(x, a, b, c);
                RunManaged(ks, threads, x, a, b, c);
                AssertClose(x, expected, c);
            }
        }
    }

    [Fact]
    public void Large_products_split_across_threads_match_reference()
    {
        // Above the parallel threshold in both split directions (tall and wide), with edge tiles everywhere.
        foreach (var x in new[]
        {
            new Case(301, 1029, 300, false, false, 1, 2, 3, 1f, 0f),
            new Case(1031, 97, 513, true, true, 0, 0, 0, 0.5f, 0.25f),
            new Case(257, 263, 269, false, true, 3, 0, 1, -1f, 1f),
        })
        {
            (float[] a, float[] b, float[] c) = Operands(x, seed: 7);
            double[] expected = Reference(x, a, b, c);
            Gemm.Sgemm(GemmProvider.Managed, x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, a, x.Lda, b, x.Ldb, x.Beta, c, x.Ldc);
            AssertClose(x, expected, c);
        }
    }

    [Fact]
    public void Beta_zero_overwrites_nan_garbage_and_leaves_padding_untouched()
    {
        var x = new Case(19, 37, 23, false, false, 0, 0, 5, 1f, 0f);
        (float[] a, float[] b, float[] c) = Operands(x, seed: 3);
        Array.Fill(c, float.NaN);
        for (int i = 0; i < x.M; i++)
        {
            for (int j = x.N; j < x.Ldc; j++) c[i * x.Ldc + j] = 42f;
        }
        double[] expected = Reference(x, a, b, c);
        Gemm.Sgemm(GemmProvider.Managed, false, false, x.M, x.N, x.K, 1f, a, x.Lda, b, x.Ldb, 0f, c, x.Ldc);
        AssertClose(x, expected, c);
        for (int i = 0; i < x.M; i++)
        {
            for (int j = x.N; j < x.Ldc; j++) Assert.Equal(42f, c[i * x.Ldc + j]);
        }
    }

    [Fact]
    public void Single_threaded_products_allocate_nothing_once_warm()
    {
        float[] a = new float[128 * 16], b = new float[16 * 256], c = new float[128 * 256];
        Gemm.Sgemm(GemmProvider.Managed, false, false, 128, 256, 16, 1f, a, 16, b, 256, 0f, c, 256);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Gemm.Sgemm(GemmProvider.Managed, i % 2 == 0, false, 128, 256, 16, 1f, a, i % 2 == 0 ? 128 : 16, b, 256, 0f, c, 256);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public unsafe void Split_products_allocate_nothing_on_the_calling_thread_once_warm()
    {
        // Above the parallel threshold with two threads: the parts go to the managed GEMM's own workers, not Parallel.For.
        const int m = 256, n = 256, k = 128;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        void Product()
        {
            fixed (float* pa = a)
            fixed (float* pb = b)
            fixed (float* pc = c)
            {
                ManagedGemm.Sgemm(GemmKernelSet.Best, 2, false, false, m, n, k, 1f, pa, k, pb, n, 0f, pc, n);
            }
        }
        Product();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Product();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Concurrent_split_products_from_several_threads_match_reference()
    {
        // Only one product at a time holds the workers; the others must fall back to the thread pool and still be right.
        var x = new Case(301, 257, 129, false, true, 0, 0, 0, 1f, 0f);
        Parallel.For(0, 4, t =>
        {
            for (int rep = 0; rep < 3; rep++)
            {
                (float[] a, float[] b, float[] c) = Operands(x, seed: 100 + t);
                double[] expected = Reference(x, a, b, c);
                RunManaged(GemmKernelSet.Best, 2, x, a, b, c);
                AssertClose(x, expected, c);
            }
        });
    }

    [Fact]
    public void Zero_depth_scales_c_by_beta()
    {
        float[] c = [1f, 2f, 3f, 4f];
        Gemm.Sgemm(GemmProvider.Managed, false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal([0.5f, 1f, 1.5f, 2f], c);
        float[] nan = [float.NaN, float.NaN];
        Gemm.Sgemm(GemmProvider.Managed, false, false, 1, 2, 0, 1f, [], 1, [], 2, 0f, nan, 2);
        Assert.Equal([0f, 0f], nan);
    }

    [Fact]
    public void Known_small_product()
    {
        // [[1,2,3],[4,5,6]] . [[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
        float[] a = [1, 2, 3, 4, 5, 6], b = [7, 8, 9, 10, 11, 12], c = new float[4];
        Gemm.Sgemm(GemmProvider.Managed, false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2);
        Assert.Equal([58f, 64f, 139f, 154f], c);
    }

    [Fact]
    public void Too_short_buffers_and_bad_leading_dimensions_are_rejected_with_argument_names()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        var e1 = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(GemmProvider.Managed, false, false, 2, 2, 3, 1f, a.AsSpan(0, 5), 3, b, 2, 0f, c, 2));
        Assert.Equal("a", e1.ParamName);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(GemmProvider.Managed, false, false, 2, 2, 3, 1f, a, 3, b, 1, 0f, c, 2));
        Assert.Equal("ldb", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(GemmProvider.Managed, false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c.AsSpan(0, 3), 2));
        Assert.Equal("c", e3.ParamName);
    }

    [Fact]
    public void Provider_setting_parses_environment_values()
    {
        Assert.Equal(GemmProvider.Auto, Gemm.ParseProvider(null));
        Assert.Equal(GemmProvider.Managed, Gemm.ParseProvider(" Managed "));
        Assert.Equal(GemmProvider.Native, Gemm.ParseProvider("native"));
        Assert.Contains("LWB_BLAS", Assert.Throws<ArgumentException>(() => Gemm.ParseProvider("mkl")).Message);
    }

    [Fact]
    public void Native_matches_managed_when_openblas_is_installed()
    {
        if (!OpenBlas.IsAvailable)
        {
            output.WriteLine("OpenBLAS is not installed (apt-get install libopenblas0-pthread); native comparison not run.");
            Assert.Throws<InvalidOperationException>(() => Gemm.Sgemm(GemmProvider.Native, false, false, 1, 1, 1, 1f, [1f], 1, [1f], 1, 0f, new float[1], 1));
            return;
        }
        output.WriteLine($"Comparing against {Gemm.ActiveProviderName}");
        foreach (Case x in AllCases())
        {
            (float[] a, float[] b, float[] c) = Operands(x, seed: 11);
            float[] cNative = (float[])c.Clone();
            double[] expected = Reference(x, a, b, c);
            Gemm.Sgemm(GemmProvider.Managed, x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, a, x.Lda, b, x.Ldb, x.Beta, c, x.Ldc);
            Gemm.Sgemm(GemmProvider.Native, x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, a, x.Lda, b, x.Ldb, x.Beta, cNative, x.Ldc);
            AssertClose(x, expected, c);
            AssertClose(x, expected, cNative);
        }
    }

    private static unsafe void RunManaged(GemmKernelSet ks, int threads, Case x, float[] a, float[] b, float[] c)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            // Threshold-free: call the parallel split directly by making every case count as large.
            ManagedGemm.Sgemm(ks, threads, x.TransA, x.TransB, x.M, x.N, x.K, x.Alpha, pa, x.Lda, pb, x.Ldb, x.Beta, pc, x.Ldc, parallelThreshold: 0);
        }
    }

    private static (float[] A, float[] B, float[] C) Operands(Case x, int seed)
    {
        var rng = new Random(seed);
        return (Fill(rng, x.LengthA), Fill(rng, x.LengthB), Fill(rng, x.LengthC));
    }

    private static float[] Fill(Random rng, int count)
    {
        var v = new float[count];
        for (int i = 0; i < count; i++) v[i] = (float)(rng.NextDouble() * 2 - 1);
        return v;
    }

    /// <summary>Straightforward triple loop in double precision; padding columns of C come back unchanged.</summary>
    private static double[] Reference(Case x, float[] a, float[] b, float[] c)
    {
        var r = new double[c.Length];
        for (int i = 0; i < c.Length; i++) r[i] = c[i];
        for (int i = 0; i < x.M; i++)
        {
            for (int j = 0; j < x.N; j++)
            {
                double sum = 0;
                for (int p = 0; p < x.K; p++)
                {
                    double av = x.TransA ? a[p * x.Lda + i] : a[i * x.Lda + p];
                    double bv = x.TransB ? b[j * x.Ldb + p] : b[p * x.Ldb + j];
                    sum += av * bv;
                }
                double old = x.Beta == 0f ? 0 : x.Beta * (double)c[i * x.Ldc + j];
                r[i * x.Ldc + j] = x.Alpha * sum + old;
            }
        }
        return r;
    }

    // Float accumulation error grows like sqrt(k) * eps * sum|a||b|; inputs are in [-1,1], so sqrt(k)-scaled bound.
    private static void AssertClose(Case x, double[] expected, float[] actual)
    {
        double tol = 1e-5 * (Math.Abs(x.Alpha) * (x.K + 1) + Math.Abs(x.Beta) + 1);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(expected[i] - actual[i]);
            if (!(diff <= tol))
            {
                Assert.Fail($"{x}: element {i} (row {i / x.Ldc}, col {i % x.Ldc}) is {actual[i]}, expected {expected[i]} (tol {tol:g3})");
            }
        }
    }
}
