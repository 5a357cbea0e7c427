using System.Formats.Tar;
using System.IO.Compression;
using LatentWorkbench.Data;

namespace LatentWorkbench.Tests.Data;

/// <summary>Serves URLs from memory; unknown URLs fail like an offline machine.</summary>
internal sealed class FakeDownloader(Dictionary<Uri, byte[]> files) : IFileDownloader
{
    public List<Uri> Requested { get; } = [];

    public void Download(Uri url, string destination)
    {
        Requested.Add(url);
        if (!files.TryGetValue(url, out var bytes)) throw new HttpRequestException($"Name or service not known ({url.Host})");
        File.WriteAllBytes(destination, bytes);
    }
}

/// <summary>Builds an npm-style .tgz from in-memory entries, or fails when none are given.</summary>
internal sealed class FakeNpmPacker(Dictionary<string, byte[]>? entries) : INpmPacker
{
    public List<string> Packed { get; } = [];

    public string Pack(string spec, string destination)
    {
        Packed.Add(spec);
        if (entries is null) throw new InvalidOperationException("npm is not on the PATH");
        string path = Path.Combine(destination, spec.Replace('@', '-') + ".tgz");
        WriteTgz(path, entries);
        return path;
    }

    public static void WriteTgz(string path, Dictionary<string, byte[]> entries)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Fastest);
        using var tar = new TarWriter(gz, TarEntryFormat.Ustar);
        foreach (var (name, data) in entries)
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
    }
}
