using System.Formats.Tar;
using System.IO.Compression;
using LatentWorkbench.Data;
using static LatentWorkbench.Tests.Data.SyntheticFiles;

namespace LatentWorkbench.Tests.Data;

public class CifarReaderTests
{
    [Fact]
    public void ParsesRecordsIntoChannelMajorImages()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("b.bin"), CifarBatch(3, labelOffset: 4));
        var batch = CifarReader.ReadBatch(dir.File("b.bin"));
        Assert.Equal(new[] { 4, 5, 6 }, batch.Labels);
        // Image 2, channel 1 (green), row 5, col 7 is byte 1024 + 5*32 + 7 of the record's pixels.
        int j = 1024 + 5 * 32 + 7;
        Assert.Equal((byte)((2 + j) % 251), batch.Pixels[2 * 3072 + j]);

        var ds = CifarReader.Load([dir.File("b.bin")], "test");
        Assert.Equal(new[] { 3, 3, 32, 32 }, ds.Images.Shape);
        Assert.Equal(((2 + j) % 251) / 255f, ds.Images[2, 1, 5, 7], 6);
    }

    [Fact]
    public void WrongRecordSizeIsRejected()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("b.bin"), CifarBatch(2)[..^10]);
        var ex = Assert.Throws<DataFormatException>(() => CifarReader.ReadBatch(dir.File("b.bin")));
        Assert.Contains("multiple of 3073", ex.Message);
        Assert.Contains("6136 bytes", ex.Message);
    }

    [Fact]
    public void BadLabelAndWrongCountAreRejected()
    {
        using var dir = new TempDir();
        var bytes = CifarBatch(2);
        bytes[3073] = 10;
        File.WriteAllBytes(dir.File("bad.bin"), bytes);
        Assert.Contains("record 1: label 10", Assert.Throws<DataFormatException>(() => CifarReader.ReadBatch(dir.File("bad.bin"))).Message);
        File.WriteAllBytes(dir.File("few.bin"), CifarBatch(2));
        Assert.Contains("expected 10000 records, found 2", Assert.Throws<DataFormatException>(() => CifarReader.ReadBatch(dir.File("few.bin"), 10000)).Message);
        File.WriteAllBytes(dir.File("empty.bin"), []);
        Assert.Throws<DataFormatException>(() => CifarReader.ReadBatch(dir.File("empty.bin")));
    }

    [Fact]
    public void ExtractsTheOfficialArchiveLayout()
    {
        using var dir = new TempDir();
        string archive = dir.File(CifarReader.ArchiveName);
        WriteArchive(archive, perFile: 2);
        var names = CifarReader.ExtractArchive(archive, dir.Sub("out"));
        Assert.Equal(7, names.Count); // 6 batches + batches.meta.txt
        var test = CifarReader.Load([Path.Combine(dir.Path, "out", "test_batch.bin")], "test");
        Assert.Equal(new[] { 0, 1 }, test.Labels);
    }

    [Fact]
    public void NonArchiveIsRejected()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.tar.gz"), Gzip([1, 2, 3, 4, 5]));
        Assert.Throws<DataFormatException>(() => CifarReader.ExtractArchive(dir.File("x.tar.gz"), dir.Sub("o")));
    }

    internal static void WriteArchive(string path, int perFile)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Pax);
        void Add(string name, byte[] data)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, $"cifar-10-batches-bin/{name}") { DataStream = new MemoryStream(data) };
            tar.WriteEntry(entry);
        }
        for (int b = 1; b <= 5; b++) Add($"data_batch_{b}.bin", CifarBatch(perFile, b));
        Add("test_batch.bin", CifarBatch(perFile));
        Add("batches.meta.txt", "airplane\n"u8.ToArray());
        Add("readme.html", "<html/>"u8.ToArray());
    }
}
