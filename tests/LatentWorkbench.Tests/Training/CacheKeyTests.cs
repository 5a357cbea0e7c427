using LatentWorkbench.Koopman;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Training;
using Xunit;

namespace LatentWorkbench.Tests.Training;

public class CacheKeyTests
{
    [Fact]
    public void KeyIsStableForEqualConfigurationsAndDiffersOtherwise()
    {
        string a = CacheKey.Of("{\"k\":16}");
        Assert.Equal(a, CacheKey.Of("{\"k\":16}"));
        Assert.NotEqual(a, CacheKey.Of("{\"k\":32}"));
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public void KeyIsNotThePlainHashOfTheConfiguration()
    {
        // The revision is part of what is hashed, so bumping it retrains every cached model.
        string json = "{\"k\":16}";
        string plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..16];
        Assert.NotEqual(plain, CacheKey.Of(json));
    }

    [Fact]
    public void BothModelCachesKeyThroughIt()
    {
        var recipe = new AutoencoderRecipe { LatentDim = 8, Seed = 3 };
        Assert.Equal(ModelCache.Key(recipe), ModelCache.Key(recipe with { }));
        Assert.NotEqual(ModelCache.Key(recipe), ModelCache.Key(recipe with { Seed = 4 }));
        Assert.Matches("^[0-9a-f]{16}$", KoopmanStudyCache.Key(new KoopmanStudyConfig { Dataset = "yinyang" }));
    }
}
