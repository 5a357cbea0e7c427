namespace LatentWorkbench.Benchmarks;

/// <summary>
/// One workload's figure (higher is better unless the unit ends in "seconds") plus what the run cost the process:
/// garbage collections per generation during the timed part and the peak working set afterwards.
/// </summary>
public sealed record BenchmarkResult(string Workload, double Value, string Unit, int Gen0, int Gen1, int Gen2, long PeakWorkingSetBytes)
{
    /// <summary>The one-line JSON form the torch reference script also prints, plus the machine's fields when given.</summary>
    public string ToJson(BenchmarkMachine? machine = null) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{{\"workload\": \"{Workload}\", \"value\": {Math.Round(Value, 3)}, \"unit\": \"{Unit}\"{(machine is null ? "" : ", " + machine.JsonFields)}}}");
}
