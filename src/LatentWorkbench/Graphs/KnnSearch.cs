using System.Numerics.Tensors;
using Tensor = LatentWorkbench.Engine.Tensor;
using LatentWorkbench.Engine.Kernels;
using LatentWorkbench.Interop;

namespace LatentWorkbench.Graphs;

/// <summary>
/// Exact k-nearest-neighbour search. Squared distances of a block of rows to all points come from one GEMM
/// (||a||^2 + ||b||^2 - 2 a.b); each row then keeps its k smallest with a bounded max-heap.
/// </summary>
public static class KnnSearch
{
    private const int BlockRows = 512;

    /// <summary>The <paramref name="k"/> nearest neighbours of every row of <paramref name="points"/> [n, d], excluding the point itself.</summary>
    /// <example><code>var knn = KnnSearch.Search(Tensor.Randn(new Generator(0), 500, 8), k: 10); // knn.Indices [n * k]</code></example>
    public static KnnResult Search(Tensor points, int k, DistanceMetric metric = DistanceMetric.Euclidean) =>
        Search(points.ToPoints(nameof(points)), k, metric);

    internal static KnnResult Search(PointSet points, int k, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count, d = points.Dim;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n - 1} for {n} points");
        float[] x = points.Data;
        if (metric == DistanceMetric.Cosine) x = NormalizedRows(points);
        var norms = new float[n];
        for (int i = 0; i < n; i++) norms[i] = TensorPrimitives.Dot(x.AsSpan(i * d, d), x.AsSpan(i * d, d));

        var indices = new int[n * k];
        var dist = new float[n * k];
        var gram = new float[Math.Min(BlockRows, n) * n];
        for (int r0 = 0; r0 < n; r0 += BlockRows)
        {
            int rows = Math.Min(BlockRows, n - r0);
            Gemm.Sgemm(false, true, rows, n, d, 1f, x.AsSpan(r0 * d, rows * d), d, x, d, 0f, gram.AsSpan(0, rows * n), n);
            Parallel.For(0, rows, r => SelectRow(gram.AsSpan(r * n, n), norms, r0 + r, k, indices.AsSpan((r0 + r) * k, k), dist.AsSpan((r0 + r) * k, k)));
        }
        for (int i = 0; i < dist.Length; i++)
            dist[i] = metric == DistanceMetric.Cosine ? MathF.Max(0f, dist[i] / 2f) : MathF.Sqrt(MathF.Max(0f, dist[i]));
        return new KnnResult(indices, dist, k);
    }

    private static float[] NormalizedRows(PointSet points)
    {
        int n = points.Count, d = points.Dim;
        var x = (float[])points.Data.Clone();
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            float norm = TensorPrimitives.Norm(row);
            if (norm == 0f) throw new ArgumentException($"points: row {i} is the zero vector, which has no cosine distance", nameof(points));
            TensorPrimitives.Divide(row, norm, row);
        }
        return x;
    }

    /// <summary>Keeps the k smallest squared distances of one row; ties broken by index so results are deterministic.</summary>
    private static void SelectRow(Span<float> dots, float[] norms, int self, int k, Span<int> idx, Span<float> dist)
    {
        float ni = norms[self];
        int size = 0;
        int width = System.Numerics.Vector<float>.Count;
        for (int j = 0; j < dots.Length; j++)
        {
            // Once the heap is full, skip whole SIMD blocks in which no candidate beats the current k-th distance.
            if (size == k && (j % width) == 0 && j + width <= dots.Length)
            {
                var cand = new System.Numerics.Vector<float>(ni) + new System.Numerics.Vector<float>(norms, j)
                    - 2f * new System.Numerics.Vector<float>(dots.Slice(j, width));
                if (System.Numerics.Vector.GreaterThanOrEqualAll(cand, new System.Numerics.Vector<float>(dist[0])))
                {
                    j += width - 1;
                    continue;
                }
            }
            if (j == self) continue;
            float v = ni + norms[j] - 2f * dots[j];
            if (size < k)
            {
                idx[size] = j; dist[size] = v; size++;
                SiftUp(idx, dist, size - 1);
            }
            else if (v < dist[0])
            {
                idx[0] = j; dist[0] = v;
                SiftDown(idx, dist, k);
            }
        }
        // Heap sort in place: repeatedly move the max to the end gives ascending order.
        for (int end = k - 1; end > 0; end--)
        {
            (idx[0], idx[end]) = (idx[end], idx[0]);
            (dist[0], dist[end]) = (dist[end], dist[0]);
            SiftDown(idx, dist, end);
        }
    }

    private static bool Greater(Span<float> d, Span<int> i, int a, int b) => d[a] > d[b] || (d[a] == d[b] && i[a] > i[b]);

    private static void SiftUp(Span<int> idx, Span<float> dist, int c)
    {
        while (c > 0)
        {
            int p = (c - 1) / 2;
            if (!Greater(dist, idx, c, p)) break;
            (idx[c], idx[p]) = (idx[p], idx[c]);
            (dist[c], dist[p]) = (dist[p], dist[c]);
            c = p;
        }
    }

    private static void SiftDown(Span<int> idx, Span<float> dist, int size)
    {
        int p = 0;
        while (true)
        {
            int l = 2 * p + 1, r = l + 1, m = p;
            if (l < size && Greater(dist, idx, l, m)) m = l;
            if (r < size && Greater(dist, idx, r, m)) m = r;
            if (m == p) return;
            (idx[m], idx[p]) = (idx[p], idx[m]);
            (dist[m], dist[p]) = (dist[p], dist[m]);
            p = m;
        }
    }
}
