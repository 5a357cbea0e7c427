using System.Runtime.CompilerServices;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Managed SGEMM in the Goto/BLIS style: op(A) and op(B) are packed into contiguous slivers,
/// blocked so an MR x KC sliver of A stays in L1 while a KC x NC block of B streams from L2,
/// and each MR x NR tile of C is accumulated in registers by a SIMD micro-kernel.
/// Large products are split across cores along M or N, each part packing its own panels.
/// </summary>
internal static unsafe partial class ManagedGemm
{
    /// <summary>Multiply-adds below which one thread beats paying for a parallel fork (~15 µs of AVX-512 work;
    /// measured: a 128^3 product gains only a few percent from a second core).</summary>
    public const long ParallelThreshold = 128L * 128 * 96;

    /// <summary>Computes C = alpha op(A) op(B) + beta C on raw row-major buffers (arguments already validated).</summary>
    public static void Sgemm(GemmKernelSet ks, int maxThreads, bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, long parallelThreshold = ParallelThreshold,
        GemmEpilogue epilogue = default)
    {
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0f)
        {
            ScaleC(m, n, beta, c, ldc);
            if (!epilogue.IsNone)
            {
                for (int i = 0; i < m; i++) epilogue.ApplyRow(c + (long)i * ldc, n, 0);
            }
            return;
        }

        var job = new Blocked(ks, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, epilogue);
        long work = (long)m * n * k;
        int threads = maxThreads;
        if (threads <= 1 || work < parallelThreshold)
        {
            job.Run(0, m, 0, n);
            return;
        }

        // Splitting along N makes every part repack all of A (m*k); along M, all of B (k*n): duplicate the smaller,
        // unless that dimension has too few units to give every thread work. Units: vectors along N, tiles along M.
        int unitsM = (m + ks.MR - 1) / ks.MR;
        int unitsN = (n + ks.VectorWidth - 1) / ks.VectorWidth;
        bool splitN = m * (long)k <= k * (long)n ? unitsN >= threads || unitsN >= unitsM : unitsM < threads && unitsN > unitsM;
        int units = splitN ? unitsN : unitsM;
        int parts = Math.Min(threads, units);
        if (parts <= 1)
        {
            job.Run(0, m, 0, n);
            return;
        }
        // Parts 1.. go to the long-lived workers (no allocation, packing buffers stay with their threads); only when
        // another thread's product holds them does this one fall back to the thread pool.
        var split = new Split(job, splitN, parts, units);
        if (!WorkerPool.Shared.TryRun(split)) Parallel.For(0, parts, split.RunPart);
    }

    private static void ScaleC(int m, int n, float beta, float* c, int ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (long)i * ldc, n);
            if (beta == 0f) row.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
        }
    }

    /// <summary>Cuts C into equal parts along M (whole MR-row tiles) or N (whole vectors), one per thread.</summary>
    private readonly struct Split(Blocked job, bool alongN, int parts, int units)
    {
        public int Parts => parts;

        public void RunPart(int part)
        {
            int u0 = (int)((long)units * part / parts), u1 = (int)((long)units * (part + 1) / parts);
            if (alongN) job.Run(0, job.M, u0 * job.Kernels.VectorWidth, Math.Min(job.N, u1 * job.Kernels.VectorWidth));
            else job.Run(u0 * job.Kernels.MR, Math.Min(job.M, u1 * job.Kernels.MR), 0, job.N);
        }
    }

    /// <summary>One product's arguments plus the blocked loop nest over a sub-rectangle of C.</summary>
    private readonly struct Blocked(GemmKernelSet ks, bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc, GemmEpilogue epilogue)
    {
        public GemmKernelSet Kernels => ks;
        public int M => m;
        public int N => n;

        // Full optimisation from the first call: these loops run hot long before tiered compilation would promote them.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int i0, int i1, int j0, int j1)
        {
            int mr = ks.MR, nr = ks.NR, vw = ks.VectorWidth;
            GemmWorkspace ws = GemmWorkspace.Current;
            float* tile = ws.Tile(mr * nr);
            for (int pc = 0; pc < k; pc += ks.KC)
            {
                int kc = Math.Min(ks.KC, k - pc);
                float betaPc = pc == 0 ? beta : 1f;
                bool finish = pc + kc >= k && !epilogue.IsNone;
                int mcMax = Math.Max(mr, GemmWorkspace.AFloats / kc / mr * mr);
                float* ap = ws.A(Math.Min(mcMax, RoundUp(i1 - i0, mr)) * kc);
                for (int ic = i0; ic < i1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, i1 - ic);
                    GemmPacking.PackA(a, lda, transA, ic, mc, pc, kc, mr, ap);
                    float* bp = ws.B(Math.Min(ks.NC, RoundUp(j1 - j0, nr)) * kc);
                    for (int jc = j0; jc < j1; jc += ks.NC)
                    {
                        int nc = Math.Min(ks.NC, j1 - jc);
                        GemmPacking.PackB(b, ldb, transB, pc, kc, jc, nc, nr, bp);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            float* apSliver = ap + (long)ir * kc;
                            float* cRow = c + (long)(ic + ir) * ldc + jc;
                            for (int jr = 0; jr < nc; jr += nr)
                            {
                                int cols = Math.Min(nr, nc - jr);
                                int vectors = (cols + vw - 1) / vw;
                                var kernel = ks.Kernel(vectors);
                                float* bpSliver = bp + (long)jr * kc;
                                if (rows == mr && cols == vectors * vw)
                                {
                                    kernel(kc, apSliver, bpSliver, nr, cRow + jr, ldc, alpha, betaPc);
                                }
                                else
                                {
                                    kernel(kc, apSliver, bpSliver, nr, tile, nr, 1f, 0f);
                                    MergeTile(tile, nr, rows, cols, alpha, betaPc, cRow + jr, ldc);
                                }
                            }
                            if (finish)
                            {
                                // The strip's values are final and still cached: bias and activation now, on this thread.
                                for (int r = 0; r < rows; r++) epilogue.ApplyRow(cRow + (long)r * ldc, nc, jc);
                            }
                        }
                    }
                }
            }
        }

        private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

        private static void MergeTile(float* tile, int nr, int rows, int cols, float alpha, float beta, float* c, int ldc)
        {
            for (int r = 0; r < rows; r++)
            {
                float* t = tile + r * nr;
                float* d = c + (long)r * ldc;
                if (beta == 0f)
                {
                    for (int j = 0; j < cols; j++) d[j] = alpha * t[j];
                }
                else
                {
                    for (int j = 0; j < cols; j++) d[j] = alpha * t[j] + beta * d[j];
                }
            }
        }
    }
}
