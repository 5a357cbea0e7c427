using System.Runtime.InteropServices;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>Waits until any of several sockets has a message to read (<c>zmq_poll</c> with ZMQ_POLLIN).</summary>
public static unsafe class ZmqPoller
{
    /// <summary>
    /// Blocks up to <paramref name="timeout"/> (infinite: <see cref="Timeout.InfiniteTimeSpan"/>) and sets
    /// <paramref name="readable"/>[i] for each socket with a message waiting. Returns how many are readable.
    /// </summary>
    public static int PollIn(IReadOnlyList<ZmqSocket> sockets, Span<bool> readable, TimeSpan timeout)
    {
        if (readable.Length < sockets.Count) throw new ArgumentException("Needs one flag per socket.", nameof(readable));
        var count = sockets.Count;
        var items = stackalloc ZmqNative.ZmqPollItem[count];
        var added = new bool[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                sockets[i].Handle.DangerousAddRef(ref added[i]);
                items[i] = new ZmqNative.ZmqPollItem { Socket = sockets[i].Handle.DangerousGetHandle(), Events = ZmqNative.ZMQ_POLLIN };
            }
            var milliseconds = timeout == Timeout.InfiniteTimeSpan ? -1L : (long)timeout.TotalMilliseconds;
            int ready;
            while ((ready = ZmqNative.zmq_poll(items, count, milliseconds)) < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                // An interrupted wait returns early with nothing ready; the caller simply polls again.
                if (error == ZmqNative.EINTR) { ready = 0; break; }
                throw ZmqException.FromError("zmq_poll", error);
            }
            for (var i = 0; i < count; i++) readable[i] = ready > 0 && (items[i].ReturnedEvents & ZmqNative.ZMQ_POLLIN) != 0;
            return ready;
        }
        finally
        {
            for (var i = 0; i < count; i++)
                if (added[i]) sockets[i].Handle.DangerousRelease();
        }
    }
}
