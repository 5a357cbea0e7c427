namespace LatentWorkbench.Figures;

/// <summary>
/// Names the formatter source that renders a type in .NET Interactive (Polyglot Notebooks). .NET Interactive
/// finds this attribute by its type name, reads <see cref="FormatterSourceType"/> and
/// <see cref="PreferredMimeTypes"/> by reflection, creates the source and calls its CreateTypeFormatters(),
/// so no package reference to Microsoft.DotNet.Interactive is needed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and a public CreateTypeFormatters() method.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types the notebook should pick first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
