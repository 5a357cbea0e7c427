using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// The Jupyter wire format: <c>[identities..., "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers...]</c>.
/// </summary>
public static class WireFormat
{
    /// <summary>The frame separating routing identities from the message.</summary>
    public static ReadOnlySpan<byte> Delimiter => "<IDS|MSG>"u8;

    /// <summary>Serializes and signs a message into ZeroMQ frames.</summary>
    public static List<byte[]> Encode(JupyterMessage message, MessageSigner signer)
    {
        var header = Utf8(message.Header);
        var parent = Utf8(message.ParentHeader);
        var metadata = Utf8(message.Metadata);
        var content = Utf8(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6 + message.Buffers.Count);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter.ToArray());
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>
    /// Parses frames into a message after checking the signature. Throws <see cref="InvalidMessageException"/> when
    /// the delimiter or a part is missing, a part is not a JSON object, or the signature does not match.
    /// </summary>
    public static JupyterMessage Decode(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        }
        if (delimiter < 0) throw new InvalidMessageException("Message has no <IDS|MSG> delimiter frame.");
        if (frames.Count < delimiter + 6)
            throw new InvalidMessageException($"Message has {frames.Count - delimiter - 1} frames after the delimiter; expected at least 5 (signature, header, parent_header, metadata, content).");

        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
            throw new InvalidMessageException("Message signature does not match (wrong key or tampered message).", badSignature: true);

        return new JupyterMessage(
            frames.Take(delimiter).ToArray(),
            ParseObject(header, "header"), ParseObject(parent, "parent_header"), ParseObject(metadata, "metadata"), ParseObject(content, "content"),
            frames.Skip(delimiter + 6).ToArray());
    }

    private static byte[] Utf8(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj);

    private static JsonObject ParseObject(byte[] frame, string part)
    {
        try
        {
            return JsonNode.Parse(frame) as JsonObject ?? throw new InvalidMessageException($"Message {part} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"Message {part} is not valid JSON: {e.Message}");
        }
    }
}
