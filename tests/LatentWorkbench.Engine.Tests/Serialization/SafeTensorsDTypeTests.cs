using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Serialization;

/// <summary>Every stored dtype converts to float32; expected values come from the bit patterns' definitions.</summary>
public sealed class SafeTensorsDTypeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string, float[]> Cases => new()
    {
        // IEEE half: 1, -2, 0.5, largest finite, smallest subnormal 2^-24, -0
        { "F16", "003C 00C0 0038 FF7B 0100 0080", [1f, -2f, 0.5f, 65504f, MathF.Pow(2, -24), -0f] },
        // bfloat16 = top 16 bits of float32: 1.5 (0x3FC0), -3.25 (0xC050), 2^100 (0x7180), +inf (0x7F80)
        { "BF16", "C03F 50C0 8071 807F", [1.5f, -3.25f, MathF.Pow(2, 100), float.PositiveInfinity] },
        // float64 0.1 rounds to the nearest float32; -2^-1074 underflows to -0
        { "F64", "9A9999999999B93F 0100000000000080", [0.1f, -0f] },
        { "F32", "0000803F 0000C0BF", [1f, -1.5f] },
        { "I64", "0300000000000000 F9FFFFFFFFFFFFFF", [3f, -7f] },
        { "U64", "FFFFFFFFFFFFFFFF", [18446744073709551615f] },
        { "I32", "FFFFFFFF 10000000", [-1f, 16f] },
        { "U32", "FFFFFFFF", [4294967295f] },
        { "I16", "0080 FF7F", [-32768f, 32767f] },
        { "U16", "FFFF", [65535f] },
        { "I8", "80 7F FF", [-128f, 127f, -1f] },
        { "U8", "00 FF 07", [0f, 255f, 7f] },
        { "BOOL", "00 01", [0f, 1f] },
        // float8 E5M2 is the top byte of a half: 1 (0x3C), -2 (0xC0)
        { "F8_E5M2", "3C C0", [1f, -2f] },
        // float8 E4M3FN: 1 (0x38), 448 = 1.75*2^8 (0x7E), 2^-9 smallest subnormal (0x01), -0.5 (0xB0)
        { "F8_E4M3", "38 7E 01 B0", [1f, 448f, MathF.Pow(2, -9), -0.5f] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvertsToFloat32(string dtype, string hex, float[] expected)
    {
        var data = Convert.FromHexString(hex.Replace(" ", ""));
        string header = $"{{\"x\":{{\"dtype\":\"{dtype}\",\"shape\":[{expected.Length}],\"data_offsets\":[0,{data.Length}]}}}}";
        string path = _folder.File(dtype + ".safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Make(header, data));

        var file = SafeTensors.Load(path);
        Assert.Equal(Enum.Parse<SafeTensorsDType>(dtype), file.Entries[0].DType);
        Assert.Equal(expected, file.Tensors["x"].ToArray());
    }

    [Fact]
    public void E4M3NanPatternDecodesToNaN()
    {
        Assert.True(float.IsNaN(ElementDecoder.DecodeE4M3(0x7F)));
        Assert.True(float.IsNaN(ElementDecoder.DecodeE4M3(0xFF)));
    }

    [Fact]
    public void LargeHalfTensorDecodesAcrossReadChunks()
    {
        // More than one 1 MiB read chunk of F16, so chunk boundaries are exercised.
        int n = 700_000;
        var data = new byte[2 * n];
        var expected = new float[n];
        for (int i = 0; i < n; i++)
        {
            var h = (Half)((i % 2000) - 1000);
            BitConverter.TryWriteBytes(data.AsSpan(2 * i), BitConverter.HalfToUInt16Bits(h));
            expected[i] = (float)h;
        }
        string header = $"{{\"big\":{{\"dtype\":\"F16\",\"shape\":[{n}],\"data_offsets\":[0,{data.Length}]}}}}";
        string path = _folder.File("big.safetensors");
        File.WriteAllBytes(path, SafeTensorsBytes.Make(header, data));
        Assert.Equal(expected, SafeTensors.Load(path).Tensors["big"].ToArray());
    }
}
