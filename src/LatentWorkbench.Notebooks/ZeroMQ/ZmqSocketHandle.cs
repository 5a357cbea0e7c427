using System.Runtime.InteropServices;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>Owns a <c>void*</c> from <c>zmq_socket</c>; released with <c>zmq_close</c>, then lets go of its context.</summary>
internal sealed class ZmqSocketHandle : SafeHandle
{
    private ZmqContextHandle? _context;

    public ZmqSocketHandle() : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of <paramref name="socket"/>, keeping <paramref name="context"/> alive until the socket closes.</summary>
    internal void Attach(nint socket, ZmqContextHandle context)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        _context = context;
        SetHandle(socket);
    }

    protected override bool ReleaseHandle()
    {
        var closed = ZmqNative.zmq_close(handle) == 0;
        _context?.DangerousRelease();
        _context = null;
        return closed;
    }
}
