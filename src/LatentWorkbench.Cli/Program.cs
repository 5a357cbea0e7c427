using System.CommandLine;
using LatentWorkbench.Cli.Commands;

var root = new RootCommand("LatentWorkbench: latent spaces of neural networks as dynamical systems");
// One file per command under Commands/; each exposes Create().
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
