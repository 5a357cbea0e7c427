// Cells change the process working directory and share the console router, so tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
