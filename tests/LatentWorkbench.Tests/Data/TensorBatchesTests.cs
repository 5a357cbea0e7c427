using LatentWorkbench.Data;
using LatentWorkbench.Engine;

namespace LatentWorkbench.Tests.Data;

public class TensorBatchesTests
{
    /// <summary>Rows [n, 2] whose row i is (i, -i), targets [n, 1] holding 10 i, labels i mod 3.</summary>
    private static (Tensor Inputs, Tensor Targets, int[] Labels) Rows(int n)
    {
        var x = new float[n * 2];
        var t = new float[n];
        for (int i = 0; i < n; i++) { x[2 * i] = i; x[2 * i + 1] = -i; t[i] = 10 * i; }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(t, n, 1), Enumerable.Range(0, n).Select(i => i % 3).ToArray());
    }

    [Fact]
    public void EpochOrdersAreOneSeededGeneratorsSuccessivePermutationsAndReplay()
    {
        var (x, _, _) = Rows(37);
        var rng = new Generator(5);
        var expected = Enumerable.Range(0, 4).Select(_ => rng.Permutation(37)).ToArray();
        var batches = new TensorBatches(x, batchSize: 8, seed: 5);
        for (int e = 0; e < 4; e++) Assert.Equal(expected[e], batches.Order(e));
        // Asking again for an earlier epoch, or for a later one first, gives the same orders.
        Assert.Equal(expected[1], batches.Order(1));
        Assert.Equal(expected[3], new TensorBatches(x, batchSize: 8, seed: 5).Order(3));
        Assert.Equal(Enumerable.Range(0, 37), new TensorBatches(x, shuffle: false).Order(2));
    }

    [Fact]
    public void BatchesKeepInputsLabelsAndTargetsOnTheSameRows()
    {
        var (x, t, y) = Rows(23);
        var batches = new TensorBatches(x, y, t, batchSize: 5, seed: 2);
        int[] order = batches.Order(1);
        var seen = new List<int>();
        foreach (var b in batches.Epoch(1))
        {
            var inputs = b.Inputs.ToArray();
            var targets = b.Targets!.ToArray();
            for (int r = 0; r < b.Labels.Length; r++)
            {
                int row = (int)inputs[2 * r];
                Assert.Equal(order[seen.Count], row);
                Assert.Equal(-row, inputs[2 * r + 1]);
                Assert.Equal(10 * row, targets[r]);
                Assert.Equal(row % 3, b.Labels[r]);
                seen.Add(row);
            }
        }
        Assert.Equal(Enumerable.Range(0, 23), seen.Order());
        Assert.Equal(23, batches.SampleCount);
    }

    [Fact]
    public void BatchesBelowTheMinimumAreSkippedAndUnlabelledBatchesHaveNoLabels()
    {
        var (x, _, _) = Rows(21);
        var batches = new TensorBatches(x, batchSize: 10, seed: 1, minBatchSize: 2);
        Assert.Equal([10, 10], batches.Epoch(0).Select(b => b.Inputs.Size(0)).ToArray());
        Assert.Equal(20, batches.SampleCount);
        Assert.All(batches.Epoch(0), b => { Assert.Empty(b.Labels); Assert.Null(b.Targets); });
        // A batch size above n gives one batch of all rows.
        Assert.Equal([21], new TensorBatches(x, batchSize: 512).Epoch(0).Select(b => b.Inputs.Size(0)).ToArray());
    }

    [Fact]
    public void MismatchedRowsAndBadSizesNameTheArgument()
    {
        var (x, _, y) = Rows(6);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new TensorBatches(x, y[..5])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => new TensorBatches(x, targets: Tensor.Zeros(5, 1))).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TensorBatches(x, batchSize: 0)).ParamName);
        Assert.Equal("minBatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new TensorBatches(x, minBatchSize: 0)).ParamName);
    }
}
