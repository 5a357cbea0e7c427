using System.Collections.Concurrent;
using System.Text;
using LatentWorkbench.Notebooks.ZeroMQ;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Owns the kernel's sockets (ZeroMQ sockets are single-threaded): shell, stdin and iopub on one I/O thread, control
/// on a thread of its own, so an interrupt or shutdown is answered however busy the I/O thread is with outputs.
/// Incoming messages are verified and handed to callbacks; any thread may <see cref="Send"/>, which queues the
/// message and wakes the I/O thread through an in-process socket (control replies go out from the control thread).
/// </summary>
internal sealed class KernelSockets : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    // The control thread has no wake-up socket; a short poll bounds how long a stop request waits.
    private static readonly TimeSpan ControlPollInterval = TimeSpan.FromMilliseconds(100);
    private static int _instances;

    private readonly ZmqSocket _shell, _control, _stdin, _iopub, _wakeReceiver, _wakeSender;
    private readonly MessageSigner _signer;
    private readonly TextWriter _log;
    private readonly ConcurrentQueue<(KernelChannel Channel, JupyterMessage Message)> _outgoing = new();
    private readonly ConcurrentQueue<JupyterMessage> _controlOutgoing = new();
    private readonly object _wakeGate = new();
    private readonly Thread _thread, _controlThread;
    private Action<JupyterMessage> _onShell = _ => { };
    private Action<JupyterMessage> _onControl = _ => { };
    private Action<JupyterMessage> _onStdin = _ => { };
    private volatile bool _stopping;
    private bool _disposed;

    public KernelSockets(ZmqContext context, ConnectionInfo connection, MessageSigner signer, TextWriter log)
    {
        _signer = signer;
        _log = log;
        var created = new List<ZmqSocket>();
        ZmqSocket Bound(ZmqSocketType type, string endpoint)
        {
            var socket = context.CreateSocket(type);
            created.Add(socket);
            socket.Bind(endpoint);
            return socket;
        }
        try
        {
            _shell = Bound(ZmqSocketType.Router, connection.Endpoint(connection.ShellPort));
            _control = Bound(ZmqSocketType.Router, connection.Endpoint(connection.ControlPort));
            _stdin = Bound(ZmqSocketType.Router, connection.Endpoint(connection.StdinPort));
            _iopub = Bound(ZmqSocketType.Pub, connection.Endpoint(connection.IOPubPort));
            var wake = $"inproc://kernel-wake-{Environment.ProcessId}-{Interlocked.Increment(ref _instances)}";
            _wakeReceiver = Bound(ZmqSocketType.Pull, wake);
            _wakeSender = context.CreateSocket(ZmqSocketType.Push);
            created.Add(_wakeSender);
            _wakeSender.Connect(wake);
        }
        catch
        {
            // A port already in use fails here; close what was opened so the context can terminate.
            foreach (var socket in created) socket.Dispose();
            throw;
        }
        // Give replies sent just before shutdown (shutdown_reply, the last idle status) time to leave.
        foreach (var socket in new[] { _shell, _control, _iopub }) socket.SetOption(ZmqNative.ZMQ_LINGER, 1000);
        _thread = new Thread(Run) { IsBackground = true, Name = "jupyter-io" };
        _controlThread = new Thread(RunControl) { IsBackground = true, Name = "jupyter-control" };
    }

    /// <summary>
    /// Starts the I/O and control threads with handlers for shell, control and stdin messages (they run on those
    /// threads and must not block).
    /// </summary>
    public void Start(Action<JupyterMessage> onShell, Action<JupyterMessage> onControl, Action<JupyterMessage> onStdin)
    {
        _onShell = onShell;
        _onControl = onControl;
        _onStdin = onStdin;
        _thread.Start();
        _controlThread.Start();
    }

    /// <summary>Queues a message for a channel; IOPub messages get the topic <c>kernel.&lt;session&gt;.&lt;msg_type&gt;</c>.</summary>
    public void Send(KernelChannel channel, JupyterMessage message)
    {
        if (channel == KernelChannel.Control)
        {
            _controlOutgoing.Enqueue(message); // sent by the control thread right after its handler returns
            return;
        }
        _outgoing.Enqueue((channel, message));
        Wake();
    }

    /// <summary>Asks the I/O thread to send what is queued and stop.</summary>
    public void Stop()
    {
        _stopping = true;
        Wake();
    }

    private void Wake()
    {
        lock (_wakeGate)
        {
            // One pending wake-up is enough, so a full pipe (I/O thread not draining yet) is not an error.
            if (!_disposed) _wakeSender.TrySendFrame([], more: false);
        }
    }

    private void Run()
    {
        var sockets = new[] { _shell, _stdin, _wakeReceiver };
        Span<bool> readable = stackalloc bool[sockets.Length];
        try
        {
            while (true)
            {
                ZmqPoller.PollIn(sockets, readable, PollInterval);
                if (readable[0]) Receive(_shell, "shell", _onShell);
                if (readable[1]) Receive(_stdin, "stdin", _onStdin);
                if (readable[2]) while (_wakeReceiver.TryReceiveMessage(wait: false) is not null) { }
                Flush();
                if (_stopping) break;
            }
            Flush();
        }
        catch (ZmqException e)
        {
            _log.WriteLine($"[kernel] I/O loop stopped: {e.Message}");
        }
    }

    private void RunControl()
    {
        var sockets = new[] { _control };
        Span<bool> readable = stackalloc bool[1];
        try
        {
            while (!_stopping)
            {
                ZmqPoller.PollIn(sockets, readable, ControlPollInterval);
                if (readable[0]) Receive(_control, "control", _onControl);
                FlushControl();
            }
            FlushControl();
        }
        catch (ZmqException e)
        {
            _log.WriteLine($"[kernel] control loop stopped: {e.Message}");
        }
    }

    private void FlushControl()
    {
        while (_controlOutgoing.TryDequeue(out var message))
        {
            if (message.Identities.Count == 0) _log.WriteLine($"[kernel] cannot route '{message.MessageType}' on control: no client identity.");
            else _control.SendMessage(WireFormat.Encode(message, _signer));
        }
    }

    private void Receive(ZmqSocket socket, string name, Action<JupyterMessage> handler)
    {
        while (socket.TryReceiveMessage(wait: false) is { } frames)
        {
            JupyterMessage message;
            try
            {
                message = WireFormat.Decode(frames, _signer);
            }
            catch (InvalidMessageException e)
            {
                _log.WriteLine($"[kernel] dropped a {name} message: {e.Message}");
                continue;
            }
            try
            {
                handler(message);
            }
            catch (Exception e) when (e is not ZmqException)
            {
                _log.WriteLine($"[kernel] {name} handler for '{message.MessageType}' failed: {e}");
            }
        }
    }

    private void Flush()
    {
        while (_outgoing.TryDequeue(out var item))
        {
            var socket = item.Channel switch
            {
                KernelChannel.Shell => _shell,
                KernelChannel.Control => _control,
                KernelChannel.Stdin => _stdin,
                _ => _iopub,
            };
            var message = item.Message;
            if (item.Channel == KernelChannel.IOPub)
                message = message with { Identities = [Encoding.UTF8.GetBytes($"kernel.{message.Session}.{message.MessageType}")] };
            else if (message.Identities.Count == 0)
            {
                _log.WriteLine($"[kernel] cannot route '{message.MessageType}' on {item.Channel}: no client identity.");
                continue;
            }
            socket.SendMessage(WireFormat.Encode(message, _signer));
        }
    }

    public void Dispose()
    {
        Stop();
        if (_thread.IsAlive) _thread.Join();
        if (_controlThread.IsAlive) _controlThread.Join();
        lock (_wakeGate) _disposed = true;
        foreach (var socket in new[] { _shell, _control, _stdin, _iopub, _wakeReceiver, _wakeSender }) socket.Dispose();
    }
}
