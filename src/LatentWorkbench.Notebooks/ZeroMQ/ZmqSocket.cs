using System.Runtime.InteropServices;
using System.Text;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>
/// A ZeroMQ socket speaking multipart messages (lists of byte frames). Like libzmq sockets it is not
/// thread-safe: use it from one thread at a time.
/// </summary>
public sealed unsafe class ZmqSocket : IDisposable
{
    private readonly ZmqSocketHandle _handle;

    internal ZmqSocket(ZmqSocketHandle handle, ZmqSocketType type)
    {
        _handle = handle;
        Type = type;
    }

    /// <summary>The socket's pattern.</summary>
    public ZmqSocketType Type { get; }

    internal ZmqSocketHandle Handle => _handle;

    /// <summary>Binds to an endpoint such as <c>tcp://127.0.0.1:5555</c> or <c>inproc://name</c>.</summary>
    public void Bind(string endpoint) => WithHandle(h => ZmqNative.zmq_bind(h, endpoint), $"zmq_bind({Type}, {endpoint})");

    /// <summary>Connects to an endpoint.</summary>
    public void Connect(string endpoint) => WithHandle(h => ZmqNative.zmq_connect(h, endpoint), $"zmq_connect({Type}, {endpoint})");

    /// <summary>The endpoint last bound (useful after binding to port 0 / <c>tcp://127.0.0.1:*</c>).</summary>
    public string LastEndpoint
    {
        get
        {
            var buffer = stackalloc byte[256];
            var length = stackalloc nuint[1];
            length[0] = 256;
            WithHandle(h => ZmqNative.zmq_getsockopt(h, ZmqNative.ZMQ_LAST_ENDPOINT, buffer, length), "zmq_getsockopt(ZMQ_LAST_ENDPOINT)");
            return Encoding.UTF8.GetString(buffer, (int)Math.Max(0, (long)length[0] - 1)); // length counts the trailing NUL
        }
    }

    /// <summary>Subscribes a SUB socket to messages whose first frame starts with <paramref name="prefix"/> (empty: all).</summary>
    public void Subscribe(ReadOnlySpan<byte> prefix) => SetOption(ZmqNative.ZMQ_SUBSCRIBE, prefix, "ZMQ_SUBSCRIBE");

    /// <summary>
    /// Sets the routing id peers' ROUTER sockets see (before connecting). Jupyter clients give their shell and stdin
    /// sockets the same id, so the kernel can send an input_request to the client that sent the execute_request.
    /// </summary>
    public void SetRoutingId(ReadOnlySpan<byte> id) => SetOption(ZmqNative.ZMQ_ROUTING_ID, id, "ZMQ_ROUTING_ID");

    private void SetOption(int option, ReadOnlySpan<byte> value, string name)
    {
        fixed (byte* p = value)
        {
            var pointer = p;
            var length = (nuint)value.Length;
            WithHandle(h => ZmqNative.zmq_setsockopt(h, option, pointer, length), $"zmq_setsockopt({name})");
        }
    }

    /// <summary>Sets an integer socket option (see zmq_setsockopt(3) for option numbers).</summary>
    public void SetOption(int option, int value)
    {
        var boxed = stackalloc int[1];
        boxed[0] = value;
        WithHandle(h => ZmqNative.zmq_setsockopt(h, option, boxed, sizeof(int)), $"zmq_setsockopt({option})");
    }

    /// <summary>Sends one frame; <paramref name="more"/> marks that further frames of the same message follow.</summary>
    public void SendFrame(ReadOnlySpan<byte> frame, bool more)
    {
        fixed (byte* p = frame)
        {
            var pointer = p;
            var length = (nuint)frame.Length;
            var flags = more ? ZmqNative.ZMQ_SNDMORE : 0;
            WithHandle(h => ZmqNative.zmq_send(h, pointer, length, flags), $"zmq_send({Type})");
        }
    }

    /// <summary>Sends one frame without blocking; false if the socket cannot take it now (high-water mark reached, no peer).</summary>
    public bool TrySendFrame(ReadOnlySpan<byte> frame, bool more)
    {
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            fixed (byte* p = frame)
            {
                var flags = ZmqNative.ZMQ_DONTWAIT | (more ? ZmqNative.ZMQ_SNDMORE : 0);
                while (ZmqNative.zmq_send(_handle.DangerousGetHandle(), p, (nuint)frame.Length, flags) < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == ZmqNative.EAGAIN) return false;
                    if (error != ZmqNative.EINTR) throw ZmqException.FromError($"zmq_send({Type})", error);
                }
                return true;
            }
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    /// <summary>Sends a whole multipart message.</summary>
    public void SendMessage(IReadOnlyList<byte[]> frames)
    {
        if (frames.Count == 0) throw new ArgumentException("A ZeroMQ message needs at least one frame.", nameof(frames));
        for (var i = 0; i < frames.Count; i++) SendFrame(frames[i], more: i < frames.Count - 1);
    }

    /// <summary>Receives a whole multipart message, blocking until one arrives.</summary>
    public List<byte[]> ReceiveMessage() => TryReceiveMessage(wait: true)!;

    /// <summary>Receives a whole multipart message; null when <paramref name="wait"/> is false and none is queued.</summary>
    public List<byte[]>? TryReceiveMessage(bool wait)
    {
        var frames = new List<byte[]>();
        while (true)
        {
            // Only the first frame may be absent: the rest of a multipart message arrives atomically with it.
            var frame = ReceiveFrame(wait || frames.Count > 0, out var more);
            if (frame is null) return null;
            frames.Add(frame);
            if (!more) return frames;
        }
    }

    private byte[]? ReceiveFrame(bool wait, out bool more)
    {
        var added = false;
        _handle.DangerousAddRef(ref added);
        ZmqNative.ZmqMsg message;
        try
        {
            if (ZmqNative.zmq_msg_init(&message) != 0) throw ZmqException.FromLastError("zmq_msg_init");
            try
            {
                while (ZmqNative.zmq_msg_recv(&message, _handle.DangerousGetHandle(), wait ? 0 : ZmqNative.ZMQ_DONTWAIT) < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == ZmqNative.EINTR) continue; // the runtime's signals interrupt blocking calls
                    if (error == ZmqNative.EAGAIN && !wait)
                    {
                        more = false;
                        return null;
                    }
                    throw ZmqException.FromError($"zmq_msg_recv({Type})", error);
                }
                var size = checked((int)ZmqNative.zmq_msg_size(&message));
                var frame = new ReadOnlySpan<byte>(ZmqNative.zmq_msg_data(&message), size).ToArray();
                var moreFlag = ZmqNative.zmq_msg_get(&message, ZmqNative.ZMQ_MORE);
                if (moreFlag < 0) throw ZmqException.FromLastError("zmq_msg_get(ZMQ_MORE)");
                more = moreFlag == 1;
                return frame;
            }
            finally
            {
                ZmqNative.zmq_msg_close(&message);
            }
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    private void WithHandle(Func<nint, int> call, string description)
    {
        var added = false;
        _handle.DangerousAddRef(ref added);
        try
        {
            while (call(_handle.DangerousGetHandle()) < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error != ZmqNative.EINTR) throw ZmqException.FromError(description, error);
            }
        }
        finally
        {
            if (added) _handle.DangerousRelease();
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _handle.Dispose();
}
