using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>What the kernel says about itself in <c>kernel_info_reply</c> and its kernelspec.</summary>
public static class KernelInfo
{
    /// <summary>The <c>implementation</c> name.</summary>
    public const string Implementation = "latentworkbench";

    /// <summary>The kernelspec <c>display_name</c>: the one the notebooks' metadata carries.</summary>
    public const string DisplayName = ".NET (C#)";

    /// <summary>
    /// The language name, as .NET Interactive's C# kernel reported it: <c>C#</c>, which VS Code maps to its csharp
    /// language and which existing notebooks' <c>kernelspec.language</c> already says.
    /// </summary>
    public const string Language = "C#";

    /// <summary>The C# language version cells compile with (Roslyn's latest, e.g. "14.0").</summary>
    public static string LanguageVersion { get; } = LanguageVersionFacts.ToDisplayString(
        Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest.MapSpecifiedToEffectiveVersion());

    /// <summary>This assembly's informational version.</summary>
    public static string ImplementationVersion { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The content of a <c>kernel_info_reply</c>.</summary>
    public static JsonObject ReplyContent() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = Implementation,
        ["implementation_version"] = ImplementationVersion,
        ["language_info"] = new JsonObject
        {
            ["name"] = Language,
            ["version"] = LanguageVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"LatentWorkbench C# kernel {ImplementationVersion} (C# {LanguageVersion}, .NET {Environment.Version})",
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };
}
