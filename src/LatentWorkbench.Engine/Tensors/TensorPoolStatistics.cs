namespace LatentWorkbench.Engine;

/// <summary>
/// What <see cref="TensorPool"/> has done: buffers asked for inside dispose scopes, how many of those were reused
/// (hits), returned by ending scopes, returned but dropped over the size cap, and the bytes held now.
/// </summary>
public readonly record struct TensorPoolStatistics(long Rents, long Hits, long Returns, long Dropped, long RetainedBytes);
