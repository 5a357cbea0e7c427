using System.Buffers.Binary;
using System.Text;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Serialization;

public sealed class SafeTensorsRoundTripTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, Tensor> Sample()
    {
        var g = new Generator(3);
        return new Dictionary<string, Tensor>
        {
            ["layer.weight"] = Tensor.Randn(g, 4, 3),
            ["layer.bias"] = Tensor.Randn(g, 4),
            ["conv.weight"] = Tensor.Randn(g, 2, 3, 3, 3),
            ["scalar"] = Tensor.Scalar(2.5f),
            ["empty"] = Tensor.Zeros(0, 5),
        };
    }

    [Fact]
    public void RoundTripKeepsNamesShapesValuesAndMetadata()
    {
        var tensors = Sample();
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" backslash \\ newline \n ünïcode" };
        string path = _folder.File("model.safetensors");
        SafeTensors.Save(path, tensors, metadata);

        var file = SafeTensors.Load(path);
        Assert.Equal(tensors.Keys.OrderBy(k => k, StringComparer.Ordinal), file.Tensors.Keys);
        foreach (var (name, expected) in tensors)
        {
            var actual = file.Tensors[name];
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }
        Assert.Equal(metadata.OrderBy(p => p.Key), file.Metadata.OrderBy(p => p.Key));
        Assert.All(file.Entries, e => Assert.Equal(SafeTensorsDType.F32, e.DType));
        Assert.Empty(file.Tensors["scalar"].Shape);
        Assert.Equal(2.5f, file.Tensors["scalar"].Item());
    }

    [Fact]
    public void HeaderMatchesTheReferenceLibraryByteForByte()
    {
        // Expected text follows safetensors' serialize(): tensors sorted by (dtype desc, name), metadata first,
        // compact serde_json, then spaces to a multiple of 8 bytes.
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = Tensor.FromArray([1f, 2f, 3f], 3),
            ["a"] = Tensor.FromArray([4f, 5f], 1, 2),
        };
        string path = _folder.File("exact.safetensors");
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["z"] = "1", ["format"] = "pt" });
        var bytes = File.ReadAllBytes(path);

        string expectedJson = "{\"__metadata__\":{\"format\":\"pt\",\"z\":\"1\"},"
            + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]}}";
        int padded = (expectedJson.Length + 7) / 8 * 8;
        Assert.Equal((ulong)padded, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(expectedJson.PadRight(padded), Encoding.UTF8.GetString(bytes, 8, padded));
        Assert.Equal(SafeTensorsBytes.Floats(4f, 5f, 1f, 2f, 3f), bytes[(8 + padded)..]);
    }

    [Fact]
    public void NamesAreOrderedByUtf8BytesLikeTheReferenceLibrary()
    {
        // UTF-16 ordinal order would put the emoji (surrogate 0xD83D) before U+FF21; UTF-8 bytes (0xF0 > 0xEF) do not.
        string fullwidthA = "\uFF21", emoji = "\U0001F600";
        Assert.True(string.CompareOrdinal(emoji, fullwidthA) < 0);
        string path = _folder.File("unicode.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { [emoji] = Tensor.Ones(1), [fullwidthA] = Tensor.Zeros(1), ["z"] = Tensor.Ones(2) });
        Assert.Equal(["z", fullwidthA, emoji], SafeTensors.Load(path).Tensors.Keys);
    }

    [Fact]
    public void SavesNonContiguousViewsInLogicalOrder()
    {
        var matrix = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        var transposed = matrix.Transpose(0, 1);
        Assert.False(transposed.IsContiguous);
        string path = _folder.File("t.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["t"] = transposed });
        var loaded = SafeTensors.Load(path).Tensors["t"];
        Assert.Equal([3, 2], loaded.Shape);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], loaded.ToArray());
    }

    [Fact]
    public void SaveOverwritesAtomicallyAndLeavesNoTemporaryFiles()
    {
        string path = _folder.File("w.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Tensor.Ones(10) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["y"] = Tensor.Zeros(2) });
        Assert.Equal(["w.safetensors"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        Assert.Equal(["y"], SafeTensors.Load(path).Tensors.Keys);
    }

    [Fact]
    public void FailedSaveKeepsThePreviousFile()
    {
        string path = _folder.File("keep.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["x"] = Tensor.Ones(3) });
        var before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void ReadHeaderDescribesWithoutLoading()
    {
        string path = _folder.File("h.safetensors");
        SafeTensors.Save(path, Sample(), new Dictionary<string, string> { ["k"] = "v" });
        var header = SafeTensors.ReadHeader(path);
        Assert.Equal(5, header.Entries.Count);
        Assert.Equal(4 * 3 + 4 + 54 + 1 + 0, header.TotalElements);
        var conv = header.Entries.Single(e => e.Name == "conv.weight");
        Assert.Equal([2L, 3, 3, 3], conv.Shape);
        Assert.Equal(54 * 4, conv.ByteLength);
        Assert.Equal("v", header.Metadata["k"]);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        var e = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(_folder.File("nope.safetensors")));
        Assert.Contains("nope.safetensors", e.Message);
    }
}
