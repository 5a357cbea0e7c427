using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Devices;
using LatentWorkbench.Engine.Cuda;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb device</c>: which GPU the workbench sees, and whether its GPU path agrees with the CPU engine.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Show the GPU the workbench can use, and check its results against the CPU");
        var info = new Command("info", "Print the GPU found (or why none can be used)");
        info.SetAction(_ => Info());
        var check = new Command("check", "Run the GPU routines beside the CPU engine; one JSON line per check; exit 1 on any disagreement");
        check.SetAction(_ => CliErrors.Run(Check));
        command.Subcommands.Add(info);
        command.Subcommands.Add(check);
        return command;
    }

    private static int Info()
    {
        if (CudaRuntime.IsAvailable) Console.WriteLine($"cuda: {CudaRuntime.Context}");
        else Console.WriteLine($"cuda: not available ({CudaRuntime.UnavailableReason}); everything runs on the CPU");
        return 0;
    }

    private static int Check()
    {
        if (!CudaRuntime.IsAvailable) throw new InvalidOperationException($"device check: no usable GPU ({CudaRuntime.UnavailableReason})");
        Console.Error.WriteLine($"device: {CudaRuntime.Context}");
        int failed = 0;
        var results = GpuAgreementCheck.Run();
        foreach (var r in results)
        {
            if (!r.Passed) failed++;
            Console.WriteLine(new JsonObject
            {
                ["check"] = r.Check,
                ["passed"] = r.Passed,
                ["max_difference"] = double.IsFinite(r.MaxDifference) ? r.MaxDifference : null,
                ["tolerance"] = r.Tolerance,
                ["detail"] = r.Detail,
            }.ToJsonString());
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"device check: {failed} of {results.Count} checks failed"));
        return failed == 0 ? 0 : 1;
    }
}
