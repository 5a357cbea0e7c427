using LatentWorkbench.Koopman;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>A cached study loads with the same weights and predictions as the run that stored it.</summary>
public class KoopmanStudyCacheTests
{
    [Fact]
    public void SecondRunLoadsTheStoredStudyAndAnyConfigChangeGetsItsOwnFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lwb-koopman-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = KoopmanStudyConfig.YinYang(quick: true, seed: 3) with
            {
                Classifier = new ClassifierOptions { Epochs = 2, Seed = 3 },
                Koopman = new KoopmanOptions { Epochs = 2, Seed = 3 },
            };
            var trained = KoopmanStudyCache.RunOrLoad(config, dir);
            string path = KoopmanStudyCache.PathFor(config, dir);
            Assert.True(File.Exists(path));
            var stamp = File.GetLastWriteTimeUtc(path);

            var loaded = KoopmanStudyCache.RunOrLoad(config, dir);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            foreach (var (k, v) in trained.Weights()) Assert.Equal(v.ToArray(), loaded.Weights()[k].ToArray());
            Assert.Equal(trained.ClassifierPredictions(), loaded.ClassifierPredictions());
            Assert.Equal(trained.SurrogatePredictions(), loaded.SurrogatePredictions());
            Assert.Equal(trained.TestLayers[^1].ToArray(), loaded.TestLayers[^1].ToArray());

            var changed = config with { Koopman = config.Koopman with { Epochs = 3 } };
            Assert.NotEqual(KoopmanStudyCache.Key(config), KoopmanStudyCache.Key(changed));
            Assert.Equal(KoopmanStudyCache.Key(config), KoopmanStudyCache.Key(config with { }));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
