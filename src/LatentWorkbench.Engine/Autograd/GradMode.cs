namespace LatentWorkbench.Engine.Autograd;

/// <summary>Whether operations are recorded for autograd on the current thread.</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => _disabledDepth == 0;

    /// <summary>Disables recording until the returned scope is disposed (like torch.no_grad()).</summary>
    public static NoGradScope NoGrad()
    {
        _disabledDepth++;
        return new NoGradScope();
    }

    /// <summary>Re-enables recording inside a no-grad region until disposed (used for create_graph backward passes).</summary>
    internal static EnableGradScope Enable()
    {
        int saved = _disabledDepth;
        _disabledDepth = 0;
        return new EnableGradScope(saved);
    }

    /// <summary>Ends a no-grad region.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        /// <summary>Restores recording.</summary>
        public void Dispose() => _disabledDepth--;
    }

    internal readonly struct EnableGradScope(int saved) : IDisposable
    {
        public void Dispose() => _disabledDepth = saved;
    }
}
