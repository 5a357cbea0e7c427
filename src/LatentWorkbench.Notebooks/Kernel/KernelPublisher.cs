using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>Builds and queues the kernel's outgoing messages: replies to a request, IOPub broadcasts, busy/idle status.</summary>
internal sealed class KernelPublisher(KernelSockets sockets, string session)
{
    /// <summary>The kernel's own session id (the <c>session</c> field of every header it sends).</summary>
    public string Session { get; } = session;

    /// <summary>Answers <paramref name="request"/> on the channel it came from.</summary>
    public void Reply(KernelChannel channel, JupyterMessage request, string messageType, JsonObject content, JsonObject? metadata = null) =>
        sockets.Send(channel, JupyterMessage.Create(messageType, content, Session, request, metadata));

    /// <summary>Broadcasts on IOPub, parented to <paramref name="request"/> (null: no parent).</summary>
    public void Publish(JupyterMessage? request, string messageType, JsonObject content)
    {
        var message = JupyterMessage.Create(messageType, content, Session, request);
        sockets.Send(KernelChannel.IOPub, message with { Identities = [] });
    }

    /// <summary>Broadcasts <c>status</c> with <paramref name="state"/> (starting, busy, idle).</summary>
    public void Status(JupyterMessage? request, string state) =>
        Publish(request, "status", new JsonObject { ["execution_state"] = state });
}
