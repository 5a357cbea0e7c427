namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>A ZeroMQ context: the I/O threads shared by the sockets created from it.</summary>
public sealed class ZmqContext : IDisposable
{
    private readonly ZmqContextHandle _handle;

    /// <summary>Creates a context; throws a clear error if libzmq (libzmq.so.5) cannot be loaded.</summary>
    public ZmqContext()
    {
        nint raw;
        try
        {
            raw = ZmqNative.zmq_ctx_new();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"ZeroMQ library '{ZmqNative.Library}' could not be loaded; install it (Debian: apt-get install libzmq5). {e.Message}", e);
        }
        if (raw == nint.Zero) throw ZmqException.FromLastError("zmq_ctx_new");
        _handle = new ZmqContextHandle();
        _handle.Attach(raw);
    }

    /// <summary>The libzmq version, for diagnostics.</summary>
    public static unsafe Version LibraryVersion
    {
        get
        {
            int major, minor, patch;
            ZmqNative.zmq_version(&major, &minor, &patch);
            return new Version(major, minor, patch);
        }
    }

    /// <summary>Creates a socket of the given pattern (linger 0, so closing never waits for unsent messages).</summary>
    public ZmqSocket CreateSocket(ZmqSocketType type)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            var raw = ZmqNative.zmq_socket(_handle.DangerousGetHandle(), (int)type);
            if (raw == nint.Zero) throw ZmqException.FromLastError($"zmq_socket({type})");
            var socketHandle = new ZmqSocketHandle();
            socketHandle.Attach(raw, _handle);
            var socket = new ZmqSocket(socketHandle, type);
            socket.SetOption(ZmqNative.ZMQ_LINGER, 0);
            return socket;
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    /// <summary>Terminates the context once every socket created from it has been disposed.</summary>
    public void Dispose() => _handle.Dispose();
}
