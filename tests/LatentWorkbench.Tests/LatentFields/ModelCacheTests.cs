using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

public class ModelCacheTests
{
    static ModelCacheTests() => ProgressBar.Enabled = false;

    [Fact]
    public void SameRecipeLoadsChangedRecipeRetrains()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-modelcache");
        try
        {
            var recipe = new AutoencoderRecipe { Dataset = "mnist", LatentDim = 3, Epochs = 1, TrainSamples = 128, TestSamples = 64, Seed = 4 };
            var trained = ModelCache.TrainOrLoad(recipe, dir.FullName);
            Assert.NotEmpty(trained.History);
            var loaded = ModelCache.TrainOrLoad(recipe, dir.FullName);
            Assert.Empty(loaded.History); // loaded, not retrained
            Assert.Equal(trained.TestMse, loaded.TestMse);
            var a = trained.Model.StateDict();
            var b = loaded.Model.StateDict();
            foreach (var (name, t) in a) Assert.Equal(t.Contiguous().ToArray(), b[name].Contiguous().ToArray());
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);

            var other = recipe with { LatentDim = 4 };
            Assert.NotEqual(ModelCache.Key(recipe), ModelCache.Key(other));
            Assert.Equal(ModelCache.Key(recipe), ModelCache.Key(recipe with { }));
            var retrained = ModelCache.TrainOrLoad(other, dir.FullName);
            Assert.NotEmpty(retrained.History);
            Assert.Equal(4, retrained.Autoencoder.LatentDim);
            Assert.Equal(4, Directory.GetFiles(dir.FullName).Length);
        }
        finally { dir.Delete(recursive: true); }
    }
}
