using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Metadata references that carry their XML documentation, so inspection (Shift+Tab) can show a symbol's summary:
/// the <c>.xml</c> beside an assembly (the workbench's own), or for the framework the reference pack's files
/// under the SDK's <c>packs/Microsoft.NETCore.App.Ref</c>.
/// </summary>
internal static class DocumentedReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<string?> FrameworkDocs = new(FindFrameworkDocs);

    /// <summary>A reference to <paramref name="assembly"/> with its documentation when any is found.</summary>
    public static MetadataReference For(Assembly assembly) =>
        Cache.GetOrAdd(assembly.Location, location => MetadataReference.CreateFromFile(location, documentation: Documentation(assembly, location)));

    private static DocumentationProvider? Documentation(Assembly assembly, string location)
    {
        var beside = Path.ChangeExtension(location, ".xml");
        if (File.Exists(beside)) return new XmlDocumentationFile(beside);
        if (FrameworkDocs.Value is not { } folder) return null;
        // Core types live in System.Private.CoreLib at run time but are documented under the System.Runtime facade;
        // documentation is looked up by comment id, so that file serves them.
        var name = assembly.GetName().Name == "System.Private.CoreLib" ? "System.Runtime" : assembly.GetName().Name;
        var framework = Path.Combine(folder, name + ".xml");
        return File.Exists(framework) ? new XmlDocumentationFile(framework) : null;
    }

    /// <summary>packs/Microsoft.NETCore.App.Ref/&lt;this runtime's major version&gt;.*/ref/net&lt;major&gt;.0, newest first; null without an SDK.</summary>
    private static string? FindFrameworkDocs()
    {
        // The runtime lives in <dotnet>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var dotnetRoot = runtime is null ? null : Directory.GetParent(runtime)?.Parent?.Parent?.FullName;
        var packs = dotnetRoot is null ? null : Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (packs is null || !Directory.Exists(packs)) return null;
        var major = Environment.Version.Major;
        return Directory.GetDirectories(packs, $"{major}.*")
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .Select(d => Path.Combine(d, "ref", $"net{major}.0"))
            .FirstOrDefault(Directory.Exists);
    }
}
