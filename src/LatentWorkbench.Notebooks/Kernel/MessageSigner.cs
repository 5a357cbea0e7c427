using System.Security.Cryptography;
using System.Text;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Jupyter's message authentication: lowercase hex HMAC-SHA256 over the header, parent header, metadata and
/// content frames, in that order. An empty key disables signing (the signature frame is empty and not checked).
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;

    /// <summary>Creates a signer for <paramref name="key"/> (the connection file's <c>key</c>, used as UTF-8 bytes).</summary>
    public MessageSigner(string key) => _key = Encoding.UTF8.GetBytes(key ?? "");

    /// <summary>Whether messages are signed and checked.</summary>
    public bool IsEnabled => _key.Length > 0;

    /// <summary>The signature for the four signed frames; empty when signing is off.</summary>
    public string Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="signature"/> matches the frames (always true when signing is off). Constant-time.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parentHeader, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!IsEnabled) return true;
        var expected = Encoding.ASCII.GetBytes(Sign(header, parentHeader, metadata, content));
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
