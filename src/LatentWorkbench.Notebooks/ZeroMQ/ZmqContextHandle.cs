using System.Runtime.InteropServices;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>Owns a <c>void*</c> from <c>zmq_ctx_new</c>; released with <c>zmq_ctx_term</c>.</summary>
internal sealed class ZmqContextHandle : SafeHandle
{
    public ZmqContextHandle() : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    internal void Attach(nint value) => SetHandle(value);

    // Sockets hold a reference on this handle, so by the time it is released every socket is closed and
    // zmq_ctx_term cannot block on them (they are created with linger 0).
    protected override bool ReleaseHandle()
    {
        while (ZmqNative.zmq_ctx_term(handle) != 0)
        {
            if (Marshal.GetLastPInvokeError() != ZmqNative.EINTR) return false;
        }
        return true;
    }
}
