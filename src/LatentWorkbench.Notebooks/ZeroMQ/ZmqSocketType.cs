namespace LatentWorkbench.Notebooks.ZeroMQ;

/// <summary>ZeroMQ socket patterns (values from zmq.h).</summary>
public enum ZmqSocketType
{
    /// <summary>Exclusive pair, used for in-process signalling.</summary>
    Pair = 0,
    /// <summary>Publisher (Jupyter's IOPub).</summary>
    Pub = 1,
    /// <summary>Subscriber.</summary>
    Sub = 2,
    /// <summary>Strict request/reply client.</summary>
    Req = 3,
    /// <summary>Strict request/reply server (Jupyter's heartbeat).</summary>
    Rep = 4,
    /// <summary>Asynchronous client (Jupyter clients' shell/control/stdin).</summary>
    Dealer = 5,
    /// <summary>Asynchronous server addressed by identity (Jupyter's shell/control/stdin).</summary>
    Router = 6,
    /// <summary>Pipeline receiver.</summary>
    Pull = 7,
    /// <summary>Pipeline sender.</summary>
    Push = 8,
}
