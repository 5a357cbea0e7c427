namespace LatentWorkbench.Engine;

/// <summary>
/// Cooperative interruption of long work: a host (a notebook kernel) runs code inside <see cref="Enter"/>, and the
/// engine checks <see cref="ThrowIfRequested"/> between operations (every matrix product, backward pass, optimizer
/// step, training batch and iteration step), so an interrupt stops a training or sweep within one operation
/// instead of leaving it running on an abandoned thread.
/// </summary>
public static class Interruption
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    // How many entered scopes have been cancelled and not yet left: the fast path reads one integer,
    // so checks cost nothing measurable in hot loops while no interrupt is pending.
    private static int _pending;

    /// <summary>The token of the innermost scope on this logical call path (none outside a scope).</summary>
    public static CancellationToken Token => Current.Value;

    /// <summary>
    /// Runs the calling logical flow (and the tasks it starts) under <paramref name="token"/> until the returned scope
    /// is disposed.
    /// </summary>
    public static IDisposable Enter(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(token, previous);
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current scope's token has been cancelled.</summary>
    public static void ThrowIfRequested()
    {
        if (Volatile.Read(ref _pending) == 0) return;
        Current.Value.ThrowIfCancellationRequested();
    }

    private sealed class Scope : IDisposable
    {
        private readonly CancellationToken _previous;
        private readonly CancellationTokenRegistration _registration;
        private int _fired, _disposed;

        public Scope(CancellationToken token, CancellationToken previous)
        {
            _previous = previous;
            _registration = token.Register(() =>
            {
                if (Interlocked.Exchange(ref _fired, 1) == 0) Interlocked.Increment(ref _pending);
            });
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _registration.Dispose();
            if (Interlocked.Exchange(ref _fired, 1) == 1) Interlocked.Decrement(ref _pending);
            Current.Value = _previous;
        }
    }
}
