using System.Reflection;
using LatentWorkbench.Notebooks.Display;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Settings of a <see cref="ScriptSession"/>; the defaults suit a workbench notebook.</summary>
public sealed class ScriptSessionOptions
{
    /// <summary>Namespaces imported in every cell when they exist in the referenced assemblies.</summary>
    public static IReadOnlyList<string> WorkbenchNamespaces { get; } =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Collections.Generic", "System.Threading", "System.Threading.Tasks",
        "LatentWorkbench", "LatentWorkbench.Display",
        "LatentWorkbench.Engine", "LatentWorkbench.Engine.NN", "LatentWorkbench.Engine.Optim", "LatentWorkbench.Engine.Ops",
        "LatentWorkbench.Engine.Autograd", "LatentWorkbench.Engine.Functional", "LatentWorkbench.Engine.Serialization",
        "LatentWorkbench.Data", "LatentWorkbench.Figures", "LatentWorkbench.Training", "LatentWorkbench.Models",
        "LatentWorkbench.Notebooks.Display",
    ];

    /// <summary>Assemblies referenced by name when the host can load them (missing ones are skipped).</summary>
    public static IReadOnlyList<string> WorkbenchAssemblies { get; } =
    [
        "System.Runtime", "System.Collections", "System.Collections.Concurrent", "System.Linq", "System.Linq.Expressions",
        "System.Console", "System.Memory", "System.Numerics.Vectors", "System.Runtime.Numerics", "System.Text.Json",
        "System.Text.RegularExpressions", "System.Threading", "System.Threading.Tasks.Parallel", "System.ObjectModel",
        "System.ComponentModel.Primitives", "System.Net.Primitives", "Microsoft.CSharp", "netstandard",
        "LatentWorkbench.Engine", "LatentWorkbench", "LatentWorkbench.Notebooks",
        "System.Numerics.Tensors", "MathNet.Numerics", "CsvHelper", "Spectre.Console",
    ];

    /// <summary>The notebook's folder: the <c>NotebookDirectory</c> global, the working directory of cells, and the base of relative #r/#load paths. Null: the current directory.</summary>
    public string? NotebookDirectory { get; set; }

    /// <summary>Whether cells run with <see cref="NotebookDirectory"/> as the process working directory (restored after each cell).</summary>
    public bool UseNotebookDirectoryAsWorkingDirectory { get; set; } = true;

    /// <summary>Namespaces imported in every cell; ones absent from the referenced assemblies are skipped.</summary>
    public List<string> Namespaces { get; } = [.. WorkbenchNamespaces];

    /// <summary>Assembly names referenced when loadable.</summary>
    public List<string> AssemblyNames { get; } = [.. WorkbenchAssemblies];

    /// <summary>Further assemblies to reference (for example the host's own).</summary>
    public List<Assembly> AdditionalReferences { get; } = new();

    /// <summary>Formatter registry for display; null creates a fresh one.</summary>
    public FormatterRegistry? Formatters { get; set; }

    /// <summary>Timeout applied to every cell unless the execution overrides it; null: none.</summary>
    public TimeSpan? DefaultCellTimeout { get; set; }

    /// <summary>Emit debug information so exceptions report cell line numbers (slightly slower compiles).</summary>
    public bool EmitDebugInformation { get; set; } = true;
}
