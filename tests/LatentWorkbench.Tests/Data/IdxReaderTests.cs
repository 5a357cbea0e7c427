using LatentWorkbench.Data;
using static LatentWorkbench.Tests.Data.SyntheticFiles;

namespace LatentWorkbench.Tests.Data;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesRawAndGzippedRegardlessOfExtension(bool gzip)
    {
        using var dir = new TempDir();
        // The extension deliberately lies: detection must use the gzip magic bytes.
        string path = dir.File(gzip ? "images.idx" : "images.gz");
        byte[] file = ImagesFile(5, 4, 3);
        File.WriteAllBytes(path, gzip ? Gzip(file) : file);

        var array = IdxReader.ReadImages(path);

        Assert.Equal(0x00000803, array.Magic);
        Assert.Equal(new[] { 5, 4, 3 }, array.Dimensions);
        Assert.Equal(ImagePixels(5, 4, 3), array.Payload);
        Assert.Equal(gzip, DataStreams.IsGzip(path));
    }

    [Fact]
    public void ReadsLabels()
    {
        using var dir = new TempDir();
        string path = dir.File("labels");
        File.WriteAllBytes(path, LabelsFile([3, 1, 4, 1, 5]));
        Assert.Equal(new byte[] { 3, 1, 4, 1, 5 }, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void ReadsGeneralTypesBigEndian()
    {
        using var dir = new TempDir();
        // int16 [2, 2]: 1, -2, 300, -32768 big-endian.
        string shorts = dir.File("s");
        File.WriteAllBytes(shorts, Idx(0x0B, [2, 2], [0, 1, 0xFF, 0xFE, 0x01, 0x2C, 0x80, 0x00]));
        Assert.Equal(new float[] { 1, -2, 300, -32768 }, IdxReader.Read(shorts).ToFloatArray());

        // float32 [2]: 1.5 = 0x3FC00000, -0.25 = 0xBE800000.
        string floats = dir.File("f");
        File.WriteAllBytes(floats, Idx(0x0D, [2], [0x3F, 0xC0, 0, 0, 0xBE, 0x80, 0, 0]));
        var f = IdxReader.Read(floats);
        Assert.Equal(IdxDataType.Float32, f.Type);
        Assert.Equal(new[] { 1.5f, -0.25f }, f.ToFloatArray());

        // int32 [1] = -1, sbyte [2] = -1, 127, float64 [1] = 2.0 (0x4000000000000000).
        string ints = dir.File("i");
        File.WriteAllBytes(ints, Idx(0x0C, [1], [0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal(new[] { -1f }, IdxReader.Read(ints).ToFloatArray());
        string sbytes = dir.File("b");
        File.WriteAllBytes(sbytes, Idx(0x09, [2], [0xFF, 0x7F]));
        Assert.Equal(new[] { -1f, 127f }, IdxReader.Read(sbytes).ToFloatArray());
        string doubles = dir.File("d");
        File.WriteAllBytes(doubles, Idx(0x0E, [1], [0x40, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Equal(new[] { 2f }, IdxReader.Read(doubles).ToFloatArray());
    }

    [Fact]
    public void WriterRoundTripsThroughReader()
    {
        using var dir = new TempDir();
        var original = IdxWriter.Images(ImagePixels(3, 2, 2), 3, 2, 2);
        IdxWriter.Write(dir.File("w.gz"), original, gzip: true);
        Assert.Equal(ImagesFile(3, 2, 2), Gunzip(File.ReadAllBytes(dir.File("w.gz"))));
        Assert.Equal(original.Payload, IdxReader.ReadImages(dir.File("w.gz")).Payload);
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gz = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    [Fact]
    public void BadMagicIsRejectedWithExpectedAndFound()
    {
        using var dir = new TempDir();
        string path = dir.File("bad");
        var bytes = ImagesFile(2, 2, 2);
        bytes[0] = 0x12;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("0x12000803", ex.Message);
        Assert.Contains("expected magic", ex.Message);
    }

    [Fact]
    public void UnknownTypeCodeIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("t");
        File.WriteAllBytes(path, Idx(0x0A, [1], [0]));
        Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void LabelsFileWhereImagesExpectedNamesBothMagics()
    {
        using var dir = new TempDir();
        string path = dir.File("labels-not-images");
        File.WriteAllBytes(path, LabelsFile([1, 2]));
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains("0x00000803", ex.Message);
        Assert.Contains("0x00000801", ex.Message);
        Assert.Throws<DataFormatException>(() => IdxReader.ReadLabels(WriteImages(dir)));
    }

    private static string WriteImages(TempDir dir)
    {
        string p = dir.File("imgs");
        File.WriteAllBytes(p, ImagesFile(1, 2, 2));
        return p;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPayloadReportsNeededAndFoundBytes(bool gzip)
    {
        using var dir = new TempDir();
        string path = dir.File("trunc");
        byte[] full = ImagesFile(4, 3, 3); // 16 + 36 bytes
        byte[] cut = full[..^5];
        File.WriteAllBytes(path, gzip ? Gzip(cut) : cut);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("52", ex.Message);
        Assert.Contains("47", ex.Message);
    }

    [Fact]
    public void TruncatedHeaderAndEmptyFileAreRejected()
    {
        using var dir = new TempDir();
        string header = dir.File("h");
        File.WriteAllBytes(header, ImagesFile(1, 2, 2)[..9]);
        Assert.Contains("dimension sizes", Assert.Throws<DataFormatException>(() => IdxReader.Read(header)).Message);
        string empty = dir.File("e");
        File.WriteAllBytes(empty, []);
        Assert.Contains("magic", Assert.Throws<DataFormatException>(() => IdxReader.Read(empty)).Message);
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("long");
        File.WriteAllBytes(path, [.. ImagesFile(2, 2, 2), 9]);
        Assert.Contains("trailing", Assert.Throws<DataFormatException>(() => IdxReader.Read(path)).Message);
    }

    [Fact]
    public void CorruptGzipIsAFormatError()
    {
        using var dir = new TempDir();
        string path = dir.File("corrupt.gz");
        byte[] gz = Gzip(ImagesFile(50, 10, 10));
        for (int i = 12; i < gz.Length - 8; i += 3) gz[i] ^= 0x5A;
        File.WriteAllBytes(path, gz);
        Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("i"), ImagesFile(3, 2, 2));
        File.WriteAllBytes(dir.File("l"), LabelsFile([1, 2]));
        var ex = Assert.Throws<DataFormatException>(() => IdxImageFiles.Load(dir.File("i"), dir.File("l"), "x", "train", BuiltInDatasets.DigitNames));
        Assert.Equal(dir.File("l"), ex.FilePath);
        Assert.Contains("expected 3 labels", ex.Message);
        Assert.Contains("found 2", ex.Message);
    }

    [Fact]
    public void LabelOutsideClassesIsRejected()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("i"), ImagesFile(2, 2, 2));
        File.WriteAllBytes(dir.File("l"), LabelsFile([1, 10]));
        var ex = Assert.Throws<DataFormatException>(() => IdxImageFiles.Load(dir.File("i"), dir.File("l"), "x", "train", BuiltInDatasets.DigitNames));
        Assert.Contains("label 10 at index 1", ex.Message);
    }

    [Fact]
    public void LoadedImagesScaleToUnitInterval()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("i"), Idx(0x08, [2, 1, 2], [0, 255, 51, 102]));
        File.WriteAllBytes(dir.File("l"), LabelsFile([7, 2]));
        var ds = IdxImageFiles.Load(dir.File("i"), dir.File("l"), "x", "test", BuiltInDatasets.DigitNames);
        Assert.Equal(new[] { 2, 1, 1, 2 }, ds.Images.Shape);
        Assert.Equal(new[] { 0f, 1f, 0.2f, 0.4f }, ds.Images.ToArray());
        Assert.Equal(new[] { 7, 2 }, ds.Labels);
    }

    private const string SharedMnist = "/work/shared/data/mnist";

    [Fact]
    public void RealMnistFilesWhenPresent()
    {
        // The synthetic tests above cover parsing; this checks the real files when the shared folder exists.
        if (!Directory.Exists(SharedMnist)) return;
        var test = IdxImageFiles.Load(Path.Combine(SharedMnist, "t10k-images-idx3-ubyte.gz"), Path.Combine(SharedMnist, "t10k-labels-idx1-ubyte.gz"), "mnist", "test", BuiltInDatasets.DigitNames);
        Assert.Equal(10000, test.Count);
        Assert.Equal(new[] { 1, 28, 28 }, test.SampleShape);
        // Well-known facts about the MNIST test set: first labels 7, 2, 1, 0, 4 and 1135 ones.
        Assert.Equal(new[] { 7, 2, 1, 0, 4 }, test.Labels[..5]);
        Assert.Equal(1135, test.ClassCounts()[1]);
        Assert.Equal(BuiltInDatasets.Mnist.ContentSha256[IdxLayout.TestLabels], FileHashes.ContentSha256(Path.Combine(SharedMnist, "t10k-labels-idx1-ubyte.gz")));
    }
}
