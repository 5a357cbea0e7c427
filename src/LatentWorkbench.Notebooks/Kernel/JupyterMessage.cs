using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>One Jupyter protocol message (see the messaging spec, version 5.3).</summary>
/// <param name="Identities">ZeroMQ routing frames before the <c>&lt;IDS|MSG&gt;</c> delimiter (the reply goes back to them).</param>
/// <param name="Header">msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the message this one answers (empty object if none).</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="Content">The message body.</param>
/// <param name="Buffers">Extra binary frames after the content.</param>
public sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>The header's <c>msg_type</c> ("" if absent).</summary>
    public string MessageType => Text(Header, "msg_type");

    /// <summary>The header's <c>msg_id</c> ("" if absent).</summary>
    public string MessageId => Text(Header, "msg_id");

    /// <summary>The header's <c>session</c> ("" if absent).</summary>
    public string Session => Text(Header, "session");

    /// <summary>A new message with a fresh header. With a parent, it answers it: same identities, parent header copied.</summary>
    public static JupyterMessage Create(string messageType, JsonObject content, string session, JupyterMessage? parent = null, JsonObject? metadata = null)
    {
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = parent is null ? "kernel" : UserOf(parent),
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["msg_type"] = messageType,
            ["version"] = ProtocolVersion,
        };
        return new JupyterMessage(
            parent?.Identities ?? [], header, parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(),
            metadata ?? new JsonObject(), content, []);
    }

    private static string UserOf(JupyterMessage parent) => Text(parent.Header, "username") is { Length: > 0 } user ? user : "kernel";

    private static string Text(JsonObject obj, string key) =>
        obj.TryGetPropertyValue(key, out var node) && node is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
}
