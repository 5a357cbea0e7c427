namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>The Jupyter sockets a kernel sends on.</summary>
public enum KernelChannel
{
    /// <summary>Requests and replies for code execution, completion, introspection (ROUTER).</summary>
    Shell,
    /// <summary>Out-of-band requests: shutdown and interrupt (ROUTER).</summary>
    Control,
    /// <summary>Broadcast of outputs and busy/idle status (PUB).</summary>
    IOPub,
    /// <summary>Kernel-to-frontend input requests (ROUTER).</summary>
    Stdin,
}
