using System.Runtime.InteropServices;

namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>A libzmq call failed; the message names the call and libzmq's description of the error.</summary>
public sealed class ZmqException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> failing with <paramref name="errorCode"/>.</summary>
    public ZmqException(string call, int errorCode, string description)
        : base($"{call} failed: {description} (errno {errorCode})")
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The libzmq function that failed, with its arguments where they help.</summary>
    public string Call { get; }

    /// <summary>The errno value libzmq reported.</summary>
    public int ErrorCode { get; }

    /// <summary>Whether the failure means the context was terminated (the socket's owner should stop).</summary>
    public bool IsContextTerminated => ErrorCode == ZmqNative.ETERM;

    internal static ZmqException FromLastError(string call) => FromError(call, Marshal.GetLastPInvokeError());

    internal static ZmqException FromError(string call, int errorCode) =>
        new(call, errorCode, Marshal.PtrToStringUTF8(ZmqNative.zmq_strerror(errorCode)) ?? "unknown error");
}
