using System.Runtime.InteropServices;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>
/// The few libzmq (4.x) entry points the kernel needs. Every call that can fail records errno, which
/// <see cref="ZmqException.FromLastError"/> turns into an exception naming the call.
/// </summary>
internal static unsafe partial class ZmqNative
{
    /// <summary>Debian's libzmq5 package ships exactly this soname.</summary>
    public const string Library = "libzmq.so.5";

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    /// <summary>ZMQ_HAUSNUMERO + 53: the context was terminated.</summary>
    public const int ETERM = 156384712 + 53;

    public const int ZMQ_DONTWAIT = 1;
    public const int ZMQ_SNDMORE = 2;
    public const int ZMQ_MORE = 1;
    public const short ZMQ_POLLIN = 1;

    public const int ZMQ_SUBSCRIBE = 6;
    public const int ZMQ_ROUTING_ID = 5;
    public const int ZMQ_LINGER = 17;
    public const int ZMQ_LAST_ENDPOINT = 32;

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint zmq_ctx_new();

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_ctx_term(nint context);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint zmq_socket(nint context, int type);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_close(nint socket);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int zmq_bind(nint socket, string endpoint);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int zmq_connect(nint socket, string endpoint);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_setsockopt(nint socket, int option, void* value, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_getsockopt(nint socket, int option, void* value, nuint* length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_send(nint socket, void* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_msg_init(ZmqMsg* message);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_msg_recv(ZmqMsg* message, nint socket, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_msg_close(ZmqMsg* message);

    [LibraryImport(Library)]
    public static partial void* zmq_msg_data(ZmqMsg* message);

    [LibraryImport(Library)]
    public static partial nuint zmq_msg_size(ZmqMsg* message);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_msg_get(ZmqMsg* message, int property);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int zmq_poll(ZmqPollItem* items, int count, long timeoutMilliseconds);

    [LibraryImport(Library)]
    public static partial int zmq_errno();

    [LibraryImport(Library)]
    public static partial nint zmq_strerror(int error);

    [LibraryImport(Library)]
    public static partial void zmq_version(int* major, int* minor, int* patch);

    /// <summary>libzmq's opaque <c>zmq_msg_t</c>: 64 bytes, pointer-aligned.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct ZmqMsg
    {
        private readonly long _aligned;
    }

    /// <summary><c>zmq_pollitem_t</c> as laid out on Linux (the file descriptor is an int there).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZmqPollItem
    {
        public nint Socket;
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
