using System.CommandLine;
using LatentWorkbench.Data;
using LatentWorkbench.Notebooks.Kernel;
using LatentWorkbench.Notebooks.ZeroMQ;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb kernel start|install</c>: the C# Jupyter kernel and its kernelspec.</summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var command = new Command("kernel", "Jupyter kernel for C# notebooks");
        command.Subcommands.Add(CreateStart());
        command.Subcommands.Add(CreateInstall());
        return command;
    }

    private static Command CreateStart()
    {
        var connectionFile = new Option<string>("--connection-file", "-f") { Description = "Jupyter connection file (JSON with ports and key)", Required = true };
        var start = new Command("start", "Run the kernel (Jupyter starts this through the kernelspec)");
        start.Options.Add(connectionFile);
        start.SetAction((parse, cancellationToken) => Task.FromResult(CliErrors.Run(() =>
        {
            var connection = ConnectionInfo.Load(parse.GetValue(connectionFile)!);
            try
            {
                using var kernel = new JupyterKernel(connection);
                kernel.Run(cancellationToken);
            }
            catch (ZmqException e)
            {
                throw new IOException($"ZeroMQ: {e.Message}", e);
            }
        })));
        return start;
    }

    private static Command CreateInstall()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (~/.local/share/jupyter/kernels)" };
        var prefix = new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (e.g. a virtual environment)" };
        var name = new Option<string>("--name") { Description = "Kernel name (folder name)", DefaultValueFactory = _ => KernelSpec.DefaultName };
        var install = new Command("install", "Write the kernelspec so Jupyter can start this kernel (default: /usr/local/share/jupyter/kernels)");
        foreach (var option in new Option[] { user, prefix, name }) install.Options.Add(option);
        install.SetAction(parse => CliErrors.Run(() =>
        {
            var directory = KernelSpec.KernelsDirectory(parse.GetValue(user), parse.GetValue(prefix));
            var environment = KernelSpec.DefaultEnvironment(DataDirectories.CacheRoot());
            var installed = KernelSpec.Install(directory, parse.GetValue(name)!, KernelSpec.CurrentLauncher(), environment);
            Console.Out.WriteLine($"Installed kernelspec '{parse.GetValue(name)}' in {installed}");
            foreach (var (variable, value) in environment) Console.Out.WriteLine($"  env {variable}={value}");
        }));
        return install;
    }
}
