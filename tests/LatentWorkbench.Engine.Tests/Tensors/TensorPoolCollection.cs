namespace LatentWorkbench.Engine.Tests.Tensors;

/// <summary>
/// Tests that read <see cref="TensorPool"/>'s process-wide counters or poison its buffers run alone, so other test
/// classes' scopes neither disturb the counts nor see the poison.
/// </summary>
[CollectionDefinition(nameof(TensorPoolCollection), DisableParallelization = true)]
public sealed class TensorPoolCollection;
