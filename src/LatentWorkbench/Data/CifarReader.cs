using System.Formats.Tar;
using System.IO.Compression;

namespace LatentWorkbench.Data;

/// <summary>
/// Reads the CIFAR-10 binary format: records of 1 label byte followed by 3072 pixel bytes
/// (1024 red, 1024 green, 1024 blue, each 32x32 row-major), i.e. [3, 32, 32] per image.
/// </summary>
public static class CifarReader
{
    /// <summary>Bytes per image.</summary>
    public const int ImageBytes = 3 * 32 * 32;

    /// <summary>Bytes per record (label + image).</summary>
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Name of the folder inside the official archive.</summary>
    public const string ArchiveFolder = "cifar-10-batches-bin";

    /// <summary>File name of the official archive.</summary>
    public const string ArchiveName = "cifar-10-binary.tar.gz";

    /// <summary>The training batch files, in order.</summary>
    public static IReadOnlyList<string> TrainFiles { get; } = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The test batch file.</summary>
    public const string TestFile = "test_batch.bin";

    /// <summary>CIFAR-10 class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>One batch file: pixels (n * 3072 bytes) and labels.</summary>
    public sealed record Batch(byte[] Pixels, int[] Labels);

    /// <summary>Reads a batch file (raw or gzip). <paramref name="expectedRecords"/>, when given, must match.</summary>
    public static Batch ReadBatch(string path, int? expectedRecords = null)
    {
        using var stream = DataStreams.OpenRead(path);
        using var buffer = new MemoryStream();
        try { stream.CopyTo(buffer); }
        catch (InvalidDataException ex) { throw new DataFormatException(path, $"corrupt gzip data: {ex.Message}", ex); }
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), path, expectedRecords);
    }

    /// <summary>Parses batch bytes; <paramref name="name"/> is used in errors.</summary>
    public static Batch Parse(ReadOnlySpan<byte> bytes, string name, int? expectedRecords = null)
    {
        if (bytes.Length == 0 || bytes.Length % RecordBytes != 0)
            throw new DataFormatException(name,
                $"wrong record size: expected a positive multiple of {RecordBytes} bytes (1 label + {ImageBytes} pixels per record), found {bytes.Length} bytes ({bytes.Length / RecordBytes} whole records + {bytes.Length % RecordBytes} bytes)");
        int n = bytes.Length / RecordBytes;
        if (expectedRecords is int expected && expected != n)
            throw new DataFormatException(name, $"expected {expected} records, found {n}");
        var pixels = new byte[n * ImageBytes];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var record = bytes.Slice(i * RecordBytes, RecordBytes);
            labels[i] = record[0];
            if (labels[i] >= ClassNames.Count)
                throw new DataFormatException(name, $"record {i}: label {labels[i]} is outside the {ClassNames.Count} classes [0, {ClassNames.Count}); is this a CIFAR-10 binary batch?");
            record[1..].CopyTo(pixels.AsSpan(i * ImageBytes));
        }
        return new Batch(pixels, labels);
    }

    /// <summary>Concatenates batch files into one dataset of [3, 32, 32] images.</summary>
    public static ImageDataset Load(IReadOnlyList<string> batchPaths, string split, int? recordsPerFile = null, string name = "cifar10")
    {
        var batches = new List<Batch>(batchPaths.Count);
        int total = 0;
        foreach (string path in batchPaths)
        {
            var batch = ReadBatch(path, recordsPerFile);
            batches.Add(batch);
            total += batch.Labels.Length;
        }
        var pixels = new byte[total * ImageBytes];
        var labels = new int[total];
        int at = 0;
        foreach (var batch in batches)
        {
            batch.Pixels.CopyTo(pixels, at * ImageBytes);
            batch.Labels.CopyTo(labels, at);
            at += batch.Labels.Length;
        }
        return new ImageDataset(name, split, pixels, labels, 3, 32, 32, ClassNames);
    }

    /// <summary>
    /// Extracts the batch files (*.bin and batches.meta.txt) of the official tar.gz into <paramref name="destination"/>,
    /// flattening the archive's folder. Returns the extracted file names. Each file is written atomically.
    /// </summary>
    public static IReadOnlyList<string> ExtractArchive(string archivePath, string destination)
    {
        Directory.CreateDirectory(destination);
        var written = new List<string>();
        try
        {
            using var stream = DataStreams.OpenRead(archivePath);
            using var tar = new TarReader(stream);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                string fileName = Path.GetFileName(entry.Name);
                if (!fileName.EndsWith(".bin", StringComparison.Ordinal) && fileName != "batches.meta.txt") continue;
                string target = Path.Combine(destination, fileName);
                string temp = target + ".part";
                using (var output = File.Create(temp)) entry.DataStream.CopyTo(output);
                File.Move(temp, target, overwrite: true);
                written.Add(fileName);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataFormatException(archivePath, $"not a readable tar.gz archive: {ex.Message}", ex);
        }
        if (written.Count == 0)
            throw new DataFormatException(archivePath, $"expected {ArchiveFolder}/*.bin entries in the archive, found none");
        return written;
    }
}
