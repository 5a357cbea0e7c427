using System.Text.Json;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>The contents of a Jupyter connection file: where to bind the five channels and how to sign messages.</summary>
/// <param name="Transport"><c>tcp</c> or <c>ipc</c>.</param>
/// <param name="IP">Address to bind (for ipc: the path prefix).</param>
/// <param name="ShellPort">Shell channel (requests/replies).</param>
/// <param name="IOPubPort">IOPub channel (broadcast outputs and status).</param>
/// <param name="StdinPort">Stdin channel (input requests; bound but unused).</param>
/// <param name="ControlPort">Control channel (shutdown, interrupt).</param>
/// <param name="HeartbeatPort">Heartbeat channel (echo).</param>
/// <param name="Key">HMAC key; empty disables signing.</param>
/// <param name="SignatureScheme">Only <c>hmac-sha256</c> is supported.</param>
public sealed record ConnectionInfo(
    string Transport, string IP, int ShellPort, int IOPubPort, int StdinPort, int ControlPort, int HeartbeatPort,
    string Key, string SignatureScheme)
{
    /// <summary>The endpoint string for one port, e.g. <c>tcp://127.0.0.1:5555</c> or <c>ipc://kernel-ipc-1</c>.</summary>
    public string Endpoint(int port) => Transport == "ipc" ? $"ipc://{IP}-{port}" : $"tcp://{IP}:{port}";

    /// <summary>Reads and validates a connection file; errors name the file and the offending field.</summary>
    public static ConnectionInfo Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Connection file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses connection-file JSON; <paramref name="source"/> names it in error messages.</summary>
    public static ConnectionInfo Parse(string json, string source = "connection file")
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"Connection file '{source}' must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Connection file '{source}' is not valid JSON: {e.Message}", e);
        }

        var transport = OptionalString(root, "transport", source) ?? "tcp";
        if (transport is not ("tcp" or "ipc"))
            throw new InvalidDataException($"Connection file '{source}': field 'transport' must be \"tcp\" or \"ipc\", got \"{transport}\".");
        var scheme = OptionalString(root, "signature_scheme", source) ?? "hmac-sha256";
        if (scheme != "hmac-sha256")
            throw new InvalidDataException($"Connection file '{source}': field 'signature_scheme' must be \"hmac-sha256\", got \"{scheme}\".");

        return new ConnectionInfo(
            transport,
            OptionalString(root, "ip", source) ?? throw Missing("ip", source),
            Port(root, "shell_port", source), Port(root, "iopub_port", source), Port(root, "stdin_port", source),
            Port(root, "control_port", source), Port(root, "hb_port", source),
            OptionalString(root, "key", source) ?? "",
            scheme);
    }

    private static InvalidDataException Missing(string field, string source) =>
        new($"Connection file '{source}' is missing the required field '{field}'.");

    private static string? OptionalString(JsonObject root, string field, string source)
    {
        if (!root.TryGetPropertyValue(field, out var node) || node is null) return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String) return value.GetValue<string>();
        throw new InvalidDataException($"Connection file '{source}': field '{field}' must be a string, got {node.ToJsonString()}.");
    }

    private static int Port(JsonObject root, string field, string source)
    {
        if (!root.TryGetPropertyValue(field, out var node) || node is null) throw Missing(field, source);
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var port) && port is >= 0 and <= 65535)
            return port;
        throw new InvalidDataException($"Connection file '{source}': field '{field}' must be a port number 0..65535, got {node.ToJsonString()}.");
    }
}
