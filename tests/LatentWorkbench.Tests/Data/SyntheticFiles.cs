using System.IO.Compression;

namespace LatentWorkbench.Tests.Data;

/// <summary>Hand-built data files: bytes assembled here, independently of the library's writers.</summary>
internal static class SyntheticFiles
{
    public static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>IDX bytes: 00 00 type ndim, dims, payload.</summary>
    public static byte[] Idx(byte type, int[] dims, byte[] payload)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dims.Length };
        foreach (int d in dims) bytes.AddRange(BigEndian(d));
        bytes.AddRange(payload);
        return [.. bytes];
    }

    /// <summary>Images whose pixel (i, r, c) = (i * 7 + r * 3 + c) mod 256.</summary>
    public static byte[] ImagePixels(int n, int rows, int cols)
    {
        var p = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++)
            p[(i * rows + r) * cols + c] = (byte)((i * 7 + r * 3 + c) % 256);
        return p;
    }

    public static byte[] ImagesFile(int n, int rows, int cols) => Idx(0x08, [n, rows, cols], ImagePixels(n, rows, cols));

    public static byte[] LabelsFile(byte[] labels) => Idx(0x08, [labels.Length], labels);

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(data);
        return ms.ToArray();
    }

    /// <summary>Writes a full MNIST-style folder with n train and m test images of 28x28, labels i mod classes.</summary>
    public static void WriteIdxFolder(string folder, int nTrain, int nTest, bool gzip, int classes = 10)
    {
        Directory.CreateDirectory(folder);
        void Put(string name, byte[] data) =>
            File.WriteAllBytes(Path.Combine(folder, gzip ? name + ".gz" : name), gzip ? Gzip(data) : data);
        Put("train-images-idx3-ubyte", ImagesFile(nTrain, 28, 28));
        Put("train-labels-idx1-ubyte", LabelsFile(Enumerable.Range(0, nTrain).Select(i => (byte)(i % classes)).ToArray()));
        Put("t10k-images-idx3-ubyte", ImagesFile(nTest, 28, 28));
        Put("t10k-labels-idx1-ubyte", LabelsFile(Enumerable.Range(0, nTest).Select(i => (byte)((i + 3) % classes)).ToArray()));
    }

    /// <summary>CIFAR records: label (i mod 10), then pixel j = (i + j) mod 251.</summary>
    public static byte[] CifarBatch(int n, int labelOffset = 0)
    {
        var bytes = new byte[n * 3073];
        for (int i = 0; i < n; i++)
        {
            bytes[i * 3073] = (byte)((i + labelOffset) % 10);
            for (int j = 0; j < 3072; j++) bytes[i * 3073 + 1 + j] = (byte)((i + j) % 251);
        }
        return bytes;
    }

    public static void WriteCifarFolder(string folder, int perFile)
    {
        Directory.CreateDirectory(folder);
        for (int b = 1; b <= 5; b++) File.WriteAllBytes(Path.Combine(folder, $"data_batch_{b}.bin"), CifarBatch(perFile, b));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), CifarBatch(perFile));
    }
}
