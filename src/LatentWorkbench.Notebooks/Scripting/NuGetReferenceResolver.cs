using System.Reflection;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Resolves <c>#r "nuget: X"</c> to an assembly the workbench already ships. Nothing is downloaded: notebooks must
/// run offline and reproducibly with exactly the packages the workbench was built with.
/// </summary>
internal static class NuGetReferenceResolver
{
    // Packages whose main assembly is named differently from the package.
    private static readonly Dictionary<string, string> AssemblyNameOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DuckDB.NET.Data.Full"] = "DuckDB.NET.Data",
        ["Microsoft.CodeAnalysis.CSharp.Scripting"] = "Microsoft.CodeAnalysis.CSharp.Scripting",
    };

    /// <summary>The loaded (or loadable from the application's dependencies) assembly for the package, or null.</summary>
    public static Assembly? Resolve(string packageId)
    {
        var name = AssemblyNameOf.GetValueOrDefault(packageId, packageId);
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .FirstOrDefault(a => !a.IsDynamic && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null) return loaded;
        if (!ShippedAssemblyNames().Contains(name)) return null;
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>Assembly names the host can load: its trusted platform assemblies (app dependencies and framework).</summary>
    private static HashSet<string> ShippedAssemblyNames()
    {
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The error text for a package that cannot be resolved.</summary>
    public static string NotAvailableMessage(string packageId) =>
        $"NuGet package '{packageId}' is not available: #r \"nuget:\" only resolves packages the workbench already carries " +
        "(for example MathNet.Numerics, System.Numerics.Tensors, CsvHelper, Spectre.Console); nothing is downloaded.";
}
