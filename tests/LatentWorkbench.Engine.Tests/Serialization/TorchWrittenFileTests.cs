using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Serialization;

/// <summary>Files written from PyTorch by tests/fixtures/make_fixtures.py load with the right names, dtypes and values.</summary>
public sealed class TorchWrittenFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "torch", name + ".safetensors");

    [Fact]
    public void LoadsATorchStateDictWithBuffers()
    {
        var file = SafeTensors.Load(Fixture("model_state"));
        string[] expected = ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "3.weight", "3.bias"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), file.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal([4, 3], file.Tensors["0.weight"].Shape);
        Assert.Equal([2, 4], file.Tensors["3.weight"].Shape);
        var counter = file.Entries.Single(e => e.Name == "1.num_batches_tracked");
        Assert.Equal(SafeTensorsDType.I64, counter.DType);
        Assert.Empty(counter.Shape);
        Assert.Equal(1f, file.Tensors["1.num_batches_tracked"].Item());
        // One training forward moved the running variance away from 1, and it stays positive.
        Assert.All(file.Tensors["1.running_var"].ToArray(), v => Assert.True(v > 0f && v != 1f));
    }

    [Fact]
    public void ConvertsTorchDtypesExactlyAsTorchDoes()
    {
        var file = SafeTensors.Load(Fixture("dtypes"));
        var stored = new Dictionary<string, SafeTensorsDType>
        {
            ["f16"] = SafeTensorsDType.F16, ["bf16"] = SafeTensorsDType.BF16, ["f64"] = SafeTensorsDType.F64,
            ["i64"] = SafeTensorsDType.I64, ["i32"] = SafeTensorsDType.I32, ["i16"] = SafeTensorsDType.I16,
            ["i8"] = SafeTensorsDType.I8, ["u8"] = SafeTensorsDType.U8, ["bool"] = SafeTensorsDType.BOOL,
        };
        foreach (var (name, dtype) in stored)
        {
            Assert.Equal(dtype, file.Entries.Single(e => e.Name == name).DType);
            var expected = file.Tensors["expected." + name];
            Assert.Equal(SafeTensorsDType.F32, file.Entries.Single(e => e.Name == "expected." + name).DType);
            Assert.Equal(expected.Shape, file.Tensors[name].Shape);
            Assert.Equal(expected.ToArray(), file.Tensors[name].ToArray());
        }
        // Half and bfloat16 really lost precision relative to float64, so the comparison above is not vacuous.
        Assert.NotEqual(file.Tensors["f64"].ToArray(), file.Tensors["bf16"].ToArray());
    }

    [Fact]
    public void TheEngineWriterReproducesATorchWrittenFileByteForByte()
    {
        // model_io holds only F32 tensors, so our writer must give exactly the same bytes as the python writer.
        string source = Fixture("model_io");
        var file = SafeTensors.Load(source);
        string copy = _folder.File("model_io.safetensors");
        SafeTensors.Save(copy, file.Tensors, file.Metadata);
        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
    }

    [Fact]
    public void EveryFixtureFileLoads()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "torch"), "*.safetensors");
        Assert.True(files.Length >= 25, $"expected the torch fixtures next to the tests, found {files.Length}");
        foreach (var path in files)
        {
            var file = SafeTensors.Load(path);
            Assert.NotEmpty(file.Tensors);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), file.Metadata.GetValueOrDefault("case", Path.GetFileNameWithoutExtension(path)));
        }
    }
}
