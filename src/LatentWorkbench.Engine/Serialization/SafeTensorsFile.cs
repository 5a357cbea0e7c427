namespace LatentWorkbench.Engine.Serialization;

/// <summary>A loaded safetensors file: float32 tensors by name (in file order), metadata and the header entries.</summary>
/// <param name="Tensors">Every tensor converted to float32, in the order its data lies in the file.</param>
/// <param name="Metadata">The "__metadata__" string map (empty when absent).</param>
/// <param name="Entries">The header entries, for the stored dtype and shape of each tensor.</param>
public sealed record SafeTensorsFile(
    IReadOnlyDictionary<string, Tensor> Tensors,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<SafeTensorsEntry> Entries);
