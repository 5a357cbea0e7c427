using System.Diagnostics;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Kernel;
using LatentWorkbench.Notebooks.ZeroMQ;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>
/// A minimal Jupyter client on the kernel's own ZeroMQ binding: DEALER sockets for shell and control, SUB for
/// IOPub, REQ for heartbeat. Enough to drive the kernel the way jupyter_client does.
/// </summary>
internal sealed class JupyterTestClient : IDisposable
{
    private readonly ZmqContext _context = new();
    private readonly ZmqSocket _shell, _control, _stdin, _iopub, _heartbeat;
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly List<JupyterMessage> _iopubBacklog = new();

    public JupyterTestClient(ConnectionInfo connection)
    {
        _signer = new MessageSigner(connection.Key);
        // Shell and stdin share a routing id, as in jupyter_client, so input requests reach this client.
        _shell = Connected(ZmqSocketType.Dealer, connection.Endpoint(connection.ShellPort), routingId: true);
        _stdin = Connected(ZmqSocketType.Dealer, connection.Endpoint(connection.StdinPort), routingId: true);
        _control = Connected(ZmqSocketType.Dealer, connection.Endpoint(connection.ControlPort));
        _iopub = Connected(ZmqSocketType.Sub, connection.Endpoint(connection.IOPubPort));
        _iopub.Subscribe([]);
        _heartbeat = Connected(ZmqSocketType.Req, connection.Endpoint(connection.HeartbeatPort));
    }

    private ZmqSocket Connected(ZmqSocketType type, string endpoint, bool routingId = false)
    {
        var socket = _context.CreateSocket(type);
        if (routingId) socket.SetRoutingId(System.Text.Encoding.ASCII.GetBytes(_session));
        socket.Connect(endpoint);
        return socket;
    }

    /// <summary>Sends a request and returns it (its msg_id identifies the reply and IOPub traffic).</summary>
    public JupyterMessage Send(KernelChannel channel, string type, JsonObject content)
    {
        var message = JupyterMessage.Create(type, content, _session);
        (channel == KernelChannel.Control ? _control : _shell).SendMessage(WireFormat.Encode(message, _signer));
        return message;
    }

    /// <summary>Runs code and returns the execute_reply and the IOPub messages of the request (through idle).</summary>
    public (JupyterMessage Reply, List<JupyterMessage> IOPub) Execute(string code, TimeSpan timeout, bool silent = false, bool storeHistory = true,
        Func<JupyterMessage, string>? answerInput = null)
    {
        var request = Send(KernelChannel.Shell, "execute_request", new JsonObject
        {
            ["code"] = code, ["silent"] = silent, ["store_history"] = storeHistory, ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = answerInput is not null, ["stop_on_error"] = true,
        });
        if (answerInput is not null)
        {
            var ask = Receive(_stdin, timeout) ?? throw new TimeoutException($"no input_request for: {code}");
            var answer = JupyterMessage.Create("input_reply", new JsonObject { ["value"] = answerInput(ask) }, _session, ask) with { Identities = [] };
            _stdin.SendMessage(WireFormat.Encode(answer, _signer));
        }
        var reply = Reply(KernelChannel.Shell, request, timeout) ?? throw new TimeoutException($"no execute_reply for: {code}");
        return (reply, IOPubUntilIdle(request, timeout));
    }

    /// <summary>Sends raw frames on shell (to test what the kernel does with bad messages).</summary>
    public void SendRawShell(IReadOnlyList<byte[]> frames) => _shell.SendMessage(frames);

    public MessageSigner Signer => _signer;

    public string Session => _session;

    /// <summary>The reply on <paramref name="channel"/> to <paramref name="request"/>; null if none within the timeout.</summary>
    public JupyterMessage? Reply(KernelChannel channel, JupyterMessage request, TimeSpan timeout)
    {
        var socket = channel == KernelChannel.Control ? _control : _shell;
        var clock = Stopwatch.StartNew();
        while (Receive(socket, timeout - clock.Elapsed) is { } message)
        {
            if (ParentId(message) == request.MessageId) return message;
        }
        return null;
    }

    /// <summary>IOPub messages parented to <paramref name="request"/> up to and including its idle status.</summary>
    public List<JupyterMessage> IOPubUntilIdle(JupyterMessage request, TimeSpan timeout)
    {
        var collected = _iopubBacklog.Where(m => ParentId(m) == request.MessageId).ToList();
        _iopubBacklog.RemoveAll(m => ParentId(m) == request.MessageId);
        var clock = Stopwatch.StartNew();
        while (!collected.Any(IsIdle))
        {
            var message = Receive(_iopub, timeout - clock.Elapsed)
                ?? throw new TimeoutException($"No idle status for {request.MessageType} within {timeout}; got: {string.Join(", ", collected.Select(m => m.MessageType))}");
            if (ParentId(message) == request.MessageId) collected.Add(message);
            else _iopubBacklog.Add(message);
        }
        return collected;
    }

    /// <summary>Waits for an IOPub message of <paramref name="type"/> parented to <paramref name="request"/>; it stays queued for <see cref="IOPubUntilIdle"/>.</summary>
    public JupyterMessage WaitForIOPub(JupyterMessage request, string type, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var found = _iopubBacklog.FirstOrDefault(m => ParentId(m) == request.MessageId && m.MessageType == type);
            if (found is not null) return found;
            _iopubBacklog.Add(Receive(_iopub, timeout - clock.Elapsed) ?? throw new TimeoutException($"no {type} for {request.MessageType} within {timeout}"));
        }
    }

    /// <summary>
    /// Waits until IOPub delivers. A PUB socket drops what it sends before a subscriber's subscription has reached it,
    /// so the IOPub messages of a request sent right after the kernel starts can be lost. Like jupyter_client, this
    /// nudges with kernel_info_request (answered with busy and idle on IOPub) until one of those shows up there.
    /// </summary>
    public void WaitForIOPubConnection(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var nudges = new HashSet<string>();
        while (clock.Elapsed < timeout)
        {
            nudges.Add(Send(KernelChannel.Shell, "kernel_info_request", new JsonObject()).MessageId);
            var window = Stopwatch.StartNew();
            var wait = TimeSpan.FromMilliseconds(Math.Min(1000, (timeout - clock.Elapsed).TotalMilliseconds));
            while (Receive(_iopub, wait - window.Elapsed) is { } message)
                if (ParentId(message) is { } parent && nudges.Contains(parent)) return;
        }
        throw new TimeoutException($"IOPub delivered nothing for {nudges.Count} kernel_info_request(s) within {timeout}");
    }

    /// <summary>Whether the heartbeat echoes a ping (byte for byte) within the timeout.</summary>
    public bool Ping(TimeSpan timeout)
    {
        byte[] ping = [1, 2, 3, 4];
        _heartbeat.SendMessage([ping]);
        return ReceiveFrames(_heartbeat, timeout) is [var echo] && echo.AsSpan().SequenceEqual(ping);
    }

    // Decoding also checks the kernel's signatures.
    private JupyterMessage? Receive(ZmqSocket socket, TimeSpan timeout) =>
        ReceiveFrames(socket, timeout) is { } frames ? WireFormat.Decode(frames, _signer) : null;

    private static List<byte[]>? ReceiveFrames(ZmqSocket socket, TimeSpan timeout)
    {
        Span<bool> readable = stackalloc bool[1];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (ZmqPoller.PollIn([socket], readable, timeout - clock.Elapsed) == 0) continue;
            if (socket.TryReceiveMessage(wait: false) is { } frames) return frames;
        }
        return null;
    }

    private static bool IsIdle(JupyterMessage m) =>
        m.MessageType == "status" && m.Content["execution_state"]?.GetValue<string>() == "idle";

    private static string? ParentId(JupyterMessage m) => m.ParentHeader["msg_id"]?.GetValue<string>();

    public void Dispose()
    {
        foreach (var socket in new[] { _shell, _control, _stdin, _iopub, _heartbeat }) socket.Dispose();
        _context.Dispose();
    }
}
