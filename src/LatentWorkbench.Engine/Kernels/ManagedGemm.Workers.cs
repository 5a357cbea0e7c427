using System.Runtime.ExceptionServices;

namespace LatentWorkbench.Engine.Kernels;

internal static unsafe partial class ManagedGemm
{
    /// <summary>
    /// Long-lived threads for the parts of a split product. Parallel.For cost about 22 KB of garbage per product (its
    /// own state, plus a fresh 1 MiB+ packing workspace whenever the pool handed a part to a thread it had just
    /// injected): 9 gen0 collections per latent-iterate run. These workers keep their workspaces, and a call allocates
    /// nothing. One product at a time uses them; the caller runs part 0 itself.
    /// </summary>
    private sealed class WorkerPool
    {
        public static WorkerPool Shared { get; } = new();

        private readonly object _gate = new();
        private readonly List<Worker> _workers = [];
        private readonly CountdownEvent _done = new(1);
        private Split _split;
        private Exception? _error;

        /// <summary>Runs every part of <paramref name="split"/>; false (nothing run) when another product holds the workers.</summary>
        public bool TryRun(Split split)
        {
            if (!Monitor.TryEnter(_gate)) return false;
            try
            {
                int helpers = split.Parts - 1;
                while (_workers.Count < helpers) _workers.Add(new Worker(this, _workers.Count + 1));
                _split = split;
                _error = null;
                _done.Reset(helpers);
                // Release is a full fence, so each worker sees _split as written above.
                for (int i = 0; i < helpers; i++) _workers[i].Go.Release();
                try
                {
                    split.RunPart(0);
                }
                finally
                {
                    // The operands are pinned only for the duration of the caller's call: never return before the workers finish.
                    _done.Wait();
                }
                if (_error is { } e) ExceptionDispatchInfo.Throw(e);
                return true;
            }
            finally
            {
                Monitor.Exit(_gate);
            }
        }

        private sealed class Worker
        {
            public SemaphoreSlim Go { get; } = new(0);

            public Worker(WorkerPool pool, int part)
            {
                var thread = new Thread(() =>
                {
                    while (true)
                    {
                        Go.Wait();
                        try
                        {
                            pool._split.RunPart(part);
                        }
                        catch (Exception e)
                        {
                            pool._error = e;
                        }
                        finally
                        {
                            pool._done.Signal();
                        }
                    }
                })
                {
                    IsBackground = true,
                    Name = $"lwb-gemm-{part}",
                };
                thread.Start();
            }
        }
    }
}
