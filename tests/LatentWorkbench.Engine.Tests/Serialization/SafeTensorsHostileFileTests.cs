using System.Text;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Serialization;

/// <summary>
/// Corrupt and hostile files are rejected with a <see cref="SafeTensorsFormatException"/> that names the file
/// and the problem, never another exception, a hang or a large allocation.
/// </summary>
public sealed class SafeTensorsHostileFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private SafeTensorsFormatException Reject(byte[] bytes, string expectedFragment)
    {
        string path = _folder.File($"hostile-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains(expectedFragment, error.Message);
        Assert.Equal(path, error.FilePath);
        // Inspecting the header alone must reject it the same way.
        Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.ReadHeader(path));
        return error;
    }

    private static string Entry(string name, string dtype, string shape, long begin, long end) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void FileShorterThanTheLengthPrefix(int length) => Reject(new byte[length], "too short");

    [Fact]
    public void HeaderLongerThanTheFile() =>
        Reject(SafeTensorsBytes.Make("{}", [], headerLengthOverride: 3), "runs past the end of the file");

    [Theory]
    [InlineData(100_000_001UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void HeaderOverTheSizeLimitIsRejectedWithoutAllocating(ulong claimed)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Reject(SafeTensorsBytes.Make("{}", [], headerLengthOverride: claimed), "exceeds");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "rejecting a huge header length allocated over 1 MiB");
    }

    [Fact]
    public void TensorClaimingATerabyteIsRejectedWithoutAllocating()
    {
        // 2^38 float32 elements = 2^40 bytes, consistent with its offsets but far beyond the file.
        long bytes = 1L << 40;
        string header = "{" + Entry("huge", "F32", $"[{1L << 38}]", 0, bytes) + "}";
        long before = GC.GetAllocatedBytesForCurrentThread();
        Reject(SafeTensorsBytes.Make(header, new byte[16]), "cover");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "rejecting a terabyte tensor allocated over 1 MiB");
    }

    [Fact]
    public void InvalidUtf8() => Reject(SafeTensorsBytes.Make([(byte)'{', 0xFF, 0xFE, (byte)'}'], []), "UTF-8");

    [Theory]
    [InlineData("{\"a\":", "not valid JSON")]
    [InlineData("{\"a\":{}} trailing", "not valid JSON")]
    [InlineData("[1,2]", "start with '{'")]
    [InlineData(" {}", "start with '{'")]
    [InlineData("", "start with '{'")]
    [InlineData("{\"x\":5}", "tensor 'x': expected an object")]
    [InlineData("{\"x\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'x': missing or non-string 'dtype'")]
    [InlineData("{\"x\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'x': missing or non-string 'dtype'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "tensor 'x': missing or non-array 'shape'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]}}", "tensor 'x': missing or non-array 'shape'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}", "tensor 'x': missing 'data_offsets'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "tensor 'x': missing 'data_offsets'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "tensor 'x': missing 'data_offsets'")]
    [InlineData("{\"x\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'x': unknown dtype 'F128'")]
    [InlineData("{\"x\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'x': unknown dtype 'f32'")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", "tensor 'x': 'shape' must hold non-negative integers")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "tensor 'x': 'shape' must hold non-negative integers")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", "tensor 'x': 'shape' must hold non-negative integers")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1e400],\"data_offsets\":[0,4]}}", "tensor 'x': 'shape' must hold non-negative integers")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4611686018427387904],\"data_offsets\":[0,4]}}", "tensor 'x': shape")]
    [InlineData("{\"x\":{\"dtype\":\"F64\",\"shape\":[2305843009213693952],\"data_offsets\":[0,4]}}", "tensor 'x': shape")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "tensor 'x': 'data_offsets' must hold non-negative integers")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", "tensor 'x': data_offsets [4, 0] end before they begin")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", "tensor 'x': shape [2] of F32 needs 8 bytes")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "tensor 'x' data_offsets [4, 8] leaves a gap")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "the tensors cover 8 data bytes but the file holds 4")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "overlaps the previous tensor")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]}}", "names 'x' more than once")]
    [InlineData("{\"__metadata__\":[1],\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'__metadata__' must be an object of strings")]
    [InlineData("{\"__metadata__\":{\"k\":1},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "metadata value 'k' must be a string")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{},\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "names '__metadata__' more than once")]
    public void MalformedHeaderWithFourDataBytes(string header, string expectedFragment) =>
        Reject(SafeTensorsBytes.Make(header, SafeTensorsBytes.Floats(1f)), expectedFragment);

    [Fact]
    public void DataBeyondTheLastTensorIsRejected()
    {
        string header = "{" + Entry("x", "F32", "[1]", 0, 4) + "}";
        Reject(SafeTensorsBytes.Make(header, new byte[12]), "the tensors cover 4 data bytes but the file holds 12");
    }

    [Fact]
    public void DeeplyNestedJsonIsRejected()
    {
        string header = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Reject(SafeTensorsBytes.Make(header, []), "not valid JSON");
    }

    [Fact]
    public void DimensionBeyondTheEngineLimitIsRejectedOnLoad()
    {
        // Valid format (zero elements) but a dimension the int-indexed engine cannot hold.
        string header = "{" + Entry("x", "F32", "[0,4294967296]", 0, 0) + "}";
        string path = _folder.File("wide.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Make(header, []));
        Assert.Single(SafeTensors.ReadHeader(path).Entries);
        var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(path));
        Assert.Contains("tensor 'x'", error.Message);
    }

    [Fact]
    public void EveryTruncationIsAFormatError()
    {
        string path = _folder.File("whole.safetensors");
        var g = new Generator(11);
        SafeTensors.Save(path, new Dictionary<string, Tensor>
        {
            ["a"] = Tensor.Randn(g, 3, 5),
            ["b"] = Tensor.Randn(g, 7),
            ["c"] = Tensor.Scalar(1f),
        }, new Dictionary<string, string> { ["k"] = "value" });
        var whole = File.ReadAllBytes(path);
        string cut = _folder.File("cut.safetensors");
        for (int length = 0; length < whole.Length; length++)
        {
            File.WriteAllBytes(cut, whole[..length]);
            var error = Assert.Throws<SafeTensorsFormatException>(() => SafeTensors.Load(cut));
            Assert.Contains(cut, error.Message);
        }
    }

    [Fact]
    public void RandomByteCorruptionEitherLoadsOrIsAFormatError()
    {
        string path = _folder.File("fuzz-source.safetensors");
        var g = new Generator(5);
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Randn(g, 4, 4), ["b"] = Tensor.Randn(g, 4) },
            new Dictionary<string, string> { ["format"] = "pt" });
        var whole = File.ReadAllBytes(path);
        var random = new Random(1234);
        string fuzz = _folder.File("fuzz.safetensors");
        for (int trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])whole.Clone();
            int flips = 1 + random.Next(4);
            // Mostly corrupt the length prefix and header, where the parser's decisions are.
            int headerEnd = Math.Min(bytes.Length, 8 + 160);
            for (int f = 0; f < flips; f++) bytes[random.Next(headerEnd)] = (byte)random.Next(256);
            File.WriteAllBytes(fuzz, bytes);
            try { SafeTensors.Load(fuzz); }
            catch (SafeTensorsFormatException) { }
        }
    }

    [Fact]
    public void AnEmptyHeaderIsAValidEmptyFile()
    {
        string path = _folder.File("empty.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Make(Encoding.UTF8.GetBytes("{}      "), []));
        var file = SafeTensors.Load(path);
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }
}
