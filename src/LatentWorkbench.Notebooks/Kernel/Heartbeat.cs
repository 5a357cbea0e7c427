using LatentWorkbench.Notebooks.ZeroMQ;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Echoes every heartbeat ping on its own thread, so a frontend sees the kernel alive even while a cell
/// keeps the other threads busy.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly ZmqSocket _socket;
    private readonly Thread _thread;
    private readonly TextWriter _log;
    private volatile bool _stopping;

    public Heartbeat(ZmqContext context, string endpoint, TextWriter log)
    {
        _log = log;
        _socket = context.CreateSocket(ZmqSocketType.Rep);
        _socket.Bind(endpoint);
        _thread = new Thread(Run) { IsBackground = true, Name = "jupyter-heartbeat" };
    }

    public void Start() => _thread.Start();

    private void Run()
    {
        var sockets = new[] { _socket };
        Span<bool> readable = stackalloc bool[1];
        try
        {
            while (!_stopping)
            {
                if (ZmqPoller.PollIn(sockets, readable, PollInterval) == 0) continue;
                var ping = _socket.TryReceiveMessage(wait: false);
                if (ping is not null) _socket.SendMessage(ping);
            }
        }
        catch (ZmqException e)
        {
            _log.WriteLine($"[kernel] heartbeat stopped: {e.Message}");
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive) _thread.Join();
        _socket.Dispose();
    }
}
