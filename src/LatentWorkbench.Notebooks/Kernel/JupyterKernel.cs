using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Scripting;
using LatentWorkbench.Notebooks.ZeroMQ;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) running C# cells in a <see cref="ScriptSession"/>.
/// Threads: heartbeat echo; one I/O thread owning the shell/stdin/iopub sockets; one control thread answering
/// interrupts and shutdowns; one shell thread running requests in order. Roslyn is warmed up in the background.
/// </summary>
public sealed class JupyterKernel : IDisposable
{
    private readonly ZmqContext _context;
    private readonly KernelSockets _sockets;
    private readonly Heartbeat _heartbeat;
    private readonly KernelPublisher _publisher;
    private readonly ScriptSession _session;
    private readonly ShellDispatcher _shell;
    private readonly StdinChannel _stdin;
    private readonly TextWriter _log;
    private readonly TaskCompletionSource _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started, _disposed;

    /// <summary>Binds all five channels described by <paramref name="connection"/>; call <see cref="Start"/> to serve.</summary>
    /// <param name="connection">Ports, transport and signing key.</param>
    /// <param name="options">Script session settings; null uses the workbench defaults.</param>
    /// <param name="log">Where diagnostics go (dropped messages, failures); null: standard error.</param>
    public JupyterKernel(ConnectionInfo connection, ScriptSessionOptions? options = null, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _log = log ?? Console.Error;
        _context = new ZmqContext();
        try
        {
            var signer = new MessageSigner(connection.Key);
            _heartbeat = new Heartbeat(_context, connection.Endpoint(connection.HeartbeatPort), _log);
            _sockets = new KernelSockets(_context, connection, signer, _log);
            _publisher = new KernelPublisher(_sockets, Guid.NewGuid().ToString("N"));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            _session = new ScriptSession(options);
            var created = clock.Elapsed;
            WarmUp = RoslynWarmUp.RunAsync(_session, _log);
            _ = WarmUp.ContinueWith(_ => _log.WriteLine(
                $"[kernel] script session ready in {created.TotalMilliseconds:0} ms, Roslyn warmed up {clock.Elapsed.TotalMilliseconds:0} ms after that started"), TaskScheduler.Default);
            _stdin = new StdinChannel(_publisher);
            _shell = new ShellDispatcher(_session, _publisher, _stdin, WarmUp, Shutdown, _log);
        }
        catch
        {
            _heartbeat?.Dispose();
            _sockets?.Dispose();
            _context.Dispose();
            throw;
        }
    }

    /// <summary>The background compilation that makes the first cell fast; cells wait for it. Never faults.</summary>
    public Task WarmUp { get; }

    /// <summary>Completes when a client asks the kernel to shut down.</summary>
    public Task Completion => _shutdown.Task;

    /// <summary>Starts serving: heartbeat, I/O and shell threads; announces <c>starting</c> then <c>idle</c>.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started) throw new InvalidOperationException("The kernel is already started.");
        _started = true;
        _heartbeat.Start();
        _shell.Start();
        _sockets.Start(_shell.Enqueue, OnControl, _stdin.OnMessage);
        _publisher.Status(null, "starting");
        _publisher.Status(null, "idle");
    }

    /// <summary>Starts the kernel and blocks until a shutdown request (or <paramref name="cancellationToken"/>).</summary>
    public void Run(CancellationToken cancellationToken = default)
    {
        Start();
        try
        {
            Completion.Wait(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void OnControl(JupyterMessage request)
    {
        switch (request.MessageType)
        {
            case "shutdown_request":
                Shutdown(request, KernelChannel.Control);
                break;
            case "interrupt_request":
                _publisher.Status(request, "busy");
                _shell.Executor.Interrupt();
                _publisher.Reply(KernelChannel.Control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                _publisher.Status(request, "idle");
                break;
            case "kernel_info_request":
                _publisher.Status(request, "busy");
                _publisher.Reply(KernelChannel.Control, request, "kernel_info_reply", KernelInfo.ReplyContent());
                _publisher.Status(request, "idle");
                break;
            default:
                _log.WriteLine($"[kernel] ignoring unsupported control message '{request.MessageType}'.");
                break;
        }
    }

    private void Shutdown(JupyterMessage request, KernelChannel channel)
    {
        var restart = request.Content["restart"] is JsonValue v && v.TryGetValue<bool>(out var r) && r;
        _publisher.Status(request, "busy");
        _shell.Executor.Interrupt();
        _publisher.Reply(channel, request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
        _publisher.Status(request, "idle");
        _shutdown.TrySetResult();
    }

    /// <summary>Stops all threads, sending what is queued, and closes the sockets.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _shell.Dispose();
        _sockets.Dispose();
        _heartbeat.Dispose();
        _session.Dispose();
        _context.Dispose();
    }
}
