using System.Collections.Concurrent;
using System.Reflection;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Resolves the assemblies and namespaces a session starts with.</summary>
internal static class ScriptReferences
{
    private static readonly ConcurrentDictionary<Assembly, HashSet<string>> NamespacesByAssembly = new();

    /// <summary>Loads the named assemblies that exist, plus the extras; duplicates removed.</summary>
    public static List<Assembly> Load(IEnumerable<string> names, IEnumerable<Assembly> extra)
    {
        var result = new List<Assembly> { typeof(object).Assembly, typeof(ScriptGlobals).Assembly };
        foreach (var name in names)
        {
            try
            {
                result.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Optional: a workbench assembly may not be built yet, or a framework facade may not exist.
            }
        }
        result.AddRange(extra);
        return result.Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location)).Distinct().ToList();
    }

    /// <summary>The requested namespaces that contain at least one public type in <paramref name="assemblies"/>.</summary>
    public static List<string> ExistingNamespaces(IEnumerable<string> requested, IReadOnlyCollection<Assembly> assemblies)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies) present.UnionWith(NamespacesByAssembly.GetOrAdd(assembly, PublicNamespaces));
        return requested.Where(present.Contains).Distinct().ToList();
    }

    private static HashSet<string> PublicNamespaces(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or NotSupportedException)
        {
            return [];
        }
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            // A namespace also "exists" when only its children have types (using System.Collections is still valid).
            for (var ns = type?.Namespace; !string.IsNullOrEmpty(ns); ns = ns.LastIndexOf('.') is > 0 and var dot ? ns[..dot] : null)
                if (!set.Add(ns)) break;
        }
        return set;
    }
}
