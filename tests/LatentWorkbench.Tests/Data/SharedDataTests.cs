using LatentWorkbench.Data;

namespace LatentWorkbench.Tests.Data;

/// <summary>The built-in specs against the real shared files (skipped silently when /work/shared/data is absent).</summary>
public class SharedDataTests
{
    private const string Shared = "/work/shared/data";

    [Fact]
    public void BuiltInMnistAndFashionResolveFromTheSharedFolder()
    {
        if (!Directory.Exists(Path.Combine(Shared, "mnist"))) return;
        using var dir = new TempDir();
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { CacheRoot = dir.Path, DatasetsDir = Shared });

        // MNIST passes the hard-coded official content digests.
        Assert.StartsWith("LWB_DATASETS_DIR", catalog.Fetch("mnist").Source);
        var test = catalog.LoadImages("mnist", "test");
        Assert.Equal(10000, test.Count);
        Assert.Equal(new[] { 7, 2, 1, 0, 4 }, test.Labels[..5]);

        Assert.StartsWith("LWB_DATASETS_DIR", catalog.Fetch("fashion-mnist").Source);
        var fashion = catalog.LoadImages("fashion-mnist", "train");
        Assert.All(fashion.ClassCounts(), c => Assert.Equal(6000, c));
        Assert.Equal("cache", catalog.Fetch("fashion-mnist").Source);
    }
}
