using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Asks the front end for a line of input (<c>input_request</c> on the stdin channel, to the client that sent the
/// execute_request) and waits for its <c>input_reply</c>. One request at a time, as cells run one at a time.
/// </summary>
internal sealed class StdinChannel(KernelPublisher publisher)
{
    private readonly object _gate = new();
    private TaskCompletionSource<string>? _waiting;

    /// <summary>Sends the prompt and blocks until the reply, an interrupt (<paramref name="cancellation"/>) or shutdown.</summary>
    public string Request(JupyterMessage executeRequest, string prompt, bool password, CancellationToken cancellation)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _waiting = answer;
        try
        {
            publisher.Reply(KernelChannel.Stdin, executeRequest, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password });
            return answer.Task.WaitAsync(cancellation).GetAwaiter().GetResult();
        }
        finally
        {
            lock (_gate) _waiting = null;
        }
    }

    /// <summary>Called on the I/O thread for every stdin message: an input_reply completes the waiting request.</summary>
    public void OnMessage(JupyterMessage message)
    {
        if (message.MessageType != "input_reply") return;
        var value = message.Content["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        lock (_gate) _waiting?.TrySetResult(value);
    }
}
