namespace LatentWorkbench.Data;

/// <summary>Downloads one URL to a file. Injectable so tests never touch the network.</summary>
public interface IFileDownloader
{
    /// <summary>Writes the body of <paramref name="url"/> to <paramref name="destination"/>; throws on any failure.</summary>
    void Download(Uri url, string destination);
}
