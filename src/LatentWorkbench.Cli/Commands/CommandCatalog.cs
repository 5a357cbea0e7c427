using System.CommandLine;

namespace LatentWorkbench.Cli.Commands;

/// <summary>The CLI's top-level commands, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return TrainCommand.Create();
        yield return DataCommand.Create();
        yield return ModelCommand.Create();
        yield return NotebookCommand.Create();
        yield return KernelCommand.Create();
        yield return ReproduceCommand.Create();
        yield return BenchCommand.Create();
        yield return DeviceCommand.Create();
    }
}
