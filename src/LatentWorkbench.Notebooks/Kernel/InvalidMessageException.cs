namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>An incoming multipart message that is not a valid Jupyter wire message, or whose signature does not match.</summary>
public sealed class InvalidMessageException(string message, bool badSignature = false) : Exception(message)
{
    /// <summary>Whether the frames were well-formed but the HMAC signature did not match.</summary>
    public bool BadSignature { get; } = badSignature;
}
