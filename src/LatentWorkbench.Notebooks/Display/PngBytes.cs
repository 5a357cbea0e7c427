namespace LatentWorkbench.Notebooks.Display;

/// <summary>Recognises PNG data so raw image bytes display as images.</summary>
internal static class PngBytes
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the bytes start with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);
}
