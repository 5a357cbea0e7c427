using LatentWorkbench.Data;

namespace LatentWorkbench.Tests.Data;

public class DataLoaderTests
{
    /// <summary>n images [1, 28, 28] whose pixel (r, c) of image i is ((i + r * 28 + c) mod 256) / 255; label i mod 10.</summary>
    private static ImageDataset Images(int n)
    {
        var pixels = new byte[n * 784];
        for (int i = 0; i < n; i++) for (int k = 0; k < 784; k++) pixels[i * 784 + k] = (byte)((i + k) % 256);
        return new ImageDataset("synthetic", "train", pixels, Enumerable.Range(0, n).Select(i => i % 10).ToArray(), 1, 28, 28, BuiltInDatasets.DigitNames);
    }

    [Fact]
    public void ShufflingIsDeterministicPerSeedAndEpoch()
    {
        var data = YinYang.Generate(103, 5);
        var a = new DataLoader(data, 10, shuffle: true, seed: 9);
        var b = new DataLoader(data, 10, shuffle: true, seed: 9);
        var c = new DataLoader(data, 10, shuffle: true, seed: 10);
        Assert.Equal(a.Order(3), b.Order(3));
        Assert.NotEqual(a.Order(0), a.Order(1));
        Assert.NotEqual(a.Order(0), c.Order(0));
        Assert.Equal(Enumerable.Range(0, 103), a.Order(2).Order());

        // Replaying epoch 2 alone gives the same batches as reaching it after epochs 0 and 1.
        _ = a.Epoch(0).ToList(); _ = a.Epoch(1).ToList();
        var after = a.Epoch(2).Select(x => x.Inputs.ToArray()).ToList();
        var alone = b.Epoch(2).Select(x => x.Inputs.ToArray()).ToList();
        Assert.Equal(after, alone);
    }

    [Fact]
    public void BatchesFollowTheOrderAndCoverEverySampleOnce()
    {
        var data = YinYang.Generate(23, 1);
        var loader = new DataLoader(data, 5, shuffle: true, seed: 4);
        int[] order = loader.Order(0);
        var batches = loader.Epoch(0).ToList();
        Assert.Equal(5, batches.Count);
        Assert.Equal(new[] { 5, 5, 5, 5, 3 }, batches.Select(x => x.Labels.Length));
        int k = 0;
        foreach (var batch in batches)
        {
            Assert.Equal(new[] { batch.Labels.Length, 4 }, batch.Inputs.Shape);
            float[] values = batch.Inputs.ToArray();
            for (int i = 0; i < batch.Labels.Length; i++, k++)
            {
                Assert.Equal(data.Labels[order[k]], batch.Labels[i]);
                Assert.Equal(data[order[k], 0], values[i * 4]);
                Assert.Equal(data[order[k], 3], values[i * 4 + 3]);
            }
        }
    }

    [Fact]
    public void DropLastSkipsTheIncompleteBatch()
    {
        var data = YinYang.Generate(10, 1);
        var keep = new DataLoader(data, 4, shuffle: false);
        var drop = new DataLoader(data, 4, shuffle: false, dropLast: true);
        Assert.Equal(3, keep.BatchCount);
        Assert.Equal(new[] { 4, 4, 2 }, keep.Epoch().Select(b => b.Labels.Length));
        Assert.Equal(2, drop.BatchCount);
        Assert.Equal(new[] { 4, 4 }, drop.Epoch().Select(b => b.Labels.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => data.Labels[i]), keep.Epoch().SelectMany(b => b.Labels));
    }

    [Fact]
    public void PadTo32CentresTheImageWithTwoPixelsOfZeros()
    {
        var data = Images(3);
        var loader = new DataLoader(data, 3, shuffle: false, transform: Transforms.PadTo32);
        var batch = loader.Epoch().Single();
        Assert.Equal(new[] { 3, 1, 32, 32 }, batch.Inputs.Shape);
        var t = batch.Inputs;
        for (int i = 0; i < 3; i++)
            for (int r = 0; r < 32; r++)
                for (int c = 0; c < 32; c++)
                {
                    bool inside = r is >= 2 and < 30 && c is >= 2 and < 30;
                    float expected = inside ? ((i + (r - 2) * 28 + (c - 2)) % 256) / 255f : 0f;
                    Assert.Equal(expected, t[i, 0, r, c]);
                }
    }

    [Fact]
    public void ComposedTransformsPadFlattenAndNormalize()
    {
        var data = Images(4);
        var transform = Transforms.Compose(Transforms.PadTo32, Transforms.Flatten, Transforms.Normalize(0.5f, 0.25f));
        var loader = new DataLoader(data, 2, shuffle: false, transform: transform);
        Assert.Equal(new[] { 1024 }, loader.SampleShape);
        var batches = loader.Epoch().ToList();
        Assert.Equal(new[] { 2, 1024 }, batches[1].Inputs.Shape);
        float[] v = batches[1].Inputs.ToArray();
        // Sample 3 (second row of batch 1), padded pixel (2, 2) = original (0, 0) = 3/255.
        Assert.Equal((3 / 255f - 0.5f) / 0.25f, v[1024 + 2 * 32 + 2], 5);
        Assert.Equal((0f - 0.5f) / 0.25f, v[1024], 5);
    }

    [Fact]
    public void PerChannelNormalizeUsesEachChannelsStatistics()
    {
        var pixels = new byte[3 * 2 * 2];
        for (int k = 0; k < pixels.Length; k++) pixels[k] = 255;
        var data = new ImageDataset("c", "t", pixels, [0], 3, 2, 2, ["a"]);
        var loader = new DataLoader(data, 1, shuffle: false, transform: Transforms.Normalize([0f, 0.5f, 1f], [1f, 0.5f, 2f]));
        Assert.Equal(new[] { 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f }, loader.Epoch().Single().Inputs.ToArray());
        Assert.Throws<ArgumentException>(() => new DataLoader(Images(1), 1, transform: Transforms.Normalize([0f, 0f], [1f, 1f])));
    }

    [Fact]
    public void SubsetTakesTheFirstOfASeededPermutation()
    {
        var data = Images(50);
        var sub = data.Subset(8, seed: 3);
        int[] expected = new LatentWorkbench.Engine.Generator(3).Permutation(50)[..8];
        Assert.Equal(expected.Select(i => i % 10), sub.Labels);
        Assert.Equal(data.Pixels.AsSpan(expected[5] * 784, 784).ToArray(), sub.Pixels.AsSpan(5 * 784, 784).ToArray());
        Assert.Equal(sub.Labels, data.Subset(8, seed: 3).Labels);
    }

    [Fact]
    public void StratifiedSubsetKeepsClassProportions()
    {
        var data = YinYang.Generate(600, 11);
        var sub = data.Subset(60, seed: 2, stratified: true);
        int[] full = data.ClassCounts(), part = sub.ClassCounts();
        Assert.Equal(60, part.Sum());
        for (int c = 0; c < 3; c++) Assert.InRange(part[c], Math.Floor(60.0 * full[c] / 600), Math.Ceiling(60.0 * full[c] / 600));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(601, 1));
    }
}
