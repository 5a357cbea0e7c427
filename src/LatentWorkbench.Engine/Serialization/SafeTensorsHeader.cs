namespace LatentWorkbench.Engine.Serialization;

/// <summary>The validated header of a safetensors file: its tensors in data order and its metadata.</summary>
/// <param name="Entries">The tensors, ordered by where their data lies in the file.</param>
/// <param name="Metadata">The free-form string map stored under "__metadata__" (empty when absent).</param>
/// <param name="DataStart">Byte offset of the data region in the file (8 + header length).</param>
public sealed record SafeTensorsHeader(IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata, long DataStart)
{
    /// <summary>Total number of elements over all tensors.</summary>
    public long TotalElements
    {
        get
        {
            long total = 0;
            foreach (var entry in Entries) total += entry.ElementCount;
            return total;
        }
    }
}
