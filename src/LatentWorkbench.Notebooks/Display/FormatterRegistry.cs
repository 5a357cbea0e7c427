using System.Collections;
using System.Globalization;
using System.Text;
using LatentWorkbench.Display;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Display;

/// <summary>
/// Chooses how a value is shown in a notebook. Lookup order: a formatter registered for the value's type
/// (then its base classes, then its interfaces; the latest registration wins; tensors have one from the start), then
/// <see cref="IMimeRenderable"/>, then the workbench's result records (summary and figure, <see cref="ResultDisplay"/>),
/// then built-in defaults (PNG bytes, sequences, plain text). Every bundle carries <c>text/plain</c>.
/// </summary>
public sealed class FormatterRegistry
{
    private readonly object _gate = new();
    private readonly List<(Type Type, Func<object, MimeBundle> Format)> _formatters = new();

    /// <summary>A registry whose sessions put plotly.js (<see cref="PlotlyLibraryPreamble.LibraryBundle"/>) before their first figure.</summary>
    public FormatterRegistry()
        : this(new PlotlyLibraryPreamble())
    {
    }

    /// <summary>A registry with the given plotly.js preamble (e.g. one with a stand-in library, in tests).</summary>
    public FormatterRegistry(PlotlyLibraryPreamble plotlyLibrary)
    {
        PlotlyLibrary = plotlyLibrary ?? throw new ArgumentNullException(nameof(plotlyLibrary));
        Register<Engine.Tensor>(TensorDisplay.ToMimeBundle);
    }

    /// <summary>Puts plotly.js into the outputs once, before the first figure of the session using this registry.</summary>
    public PlotlyLibraryPreamble PlotlyLibrary { get; }

    /// <summary>Most items a sequence shows before "...".</summary>
    public int MaxSequenceItems { get; set; } = 20;

    /// <summary>Registers a formatter for <typeparamref name="T"/> and its subtypes.</summary>
    public void Register<T>(Func<T, MimeBundle> formatter) => Register(typeof(T), o => formatter((T)o));

    /// <summary>Registers a formatter returning MIME type to value (strings, JSON, or byte arrays) for <typeparamref name="T"/>.</summary>
    public void Register<T>(Func<T, IReadOnlyDictionary<string, object>> formatter) =>
        Register(typeof(T), o => MimeBundle.From(formatter((T)o)));

    /// <summary>Registers a formatter for <paramref name="type"/> and its subtypes.</summary>
    public void Register(Type type, Func<object, MimeBundle> formatter)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_gate) _formatters.Add((type, formatter));
    }

    /// <summary>The MIME bundle for <paramref name="value"/>.</summary>
    public MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.FromText("null");
        var formatter = Find(value.GetType());
        MimeBundle bundle;
        if (formatter is not null) bundle = formatter(value);
        else if (value is IMimeRenderable renderable) bundle = MimeBundle.From(renderable.ToMimeBundle());
        else if (ResultDisplay.TryFormat(value) is { } result) bundle = result;
        else if (value is byte[] bytes && PngBytes.IsPng(bytes))
            bundle = new MimeBundle().Set(MimeBundle.Png, bytes).Set(MimeBundle.PlainText, $"<PNG image, {bytes.Length} bytes>");
        else bundle = MimeBundle.FromText(ToPlainText(value));
        if (!bundle.ContainsKey(MimeBundle.PlainText)) bundle.Set(MimeBundle.PlainText, SafeToString(value));
        return bundle;
    }

    private Func<object, MimeBundle>? Find(Type type)
    {
        lock (_gate)
        {
            if (_formatters.Count == 0) return null;
            for (var t = type; t is not null; t = t.BaseType)
                for (int i = _formatters.Count - 1; i >= 0; i--)
                    if (_formatters[i].Type == t) return _formatters[i].Format;
            for (int i = _formatters.Count - 1; i >= 0; i--)
                if (_formatters[i].Type.IsInterface && _formatters[i].Type.IsAssignableFrom(type)) return _formatters[i].Format;
            for (int i = _formatters.Count - 1; i >= 0; i--)
                if (_formatters[i].Type.IsGenericTypeDefinition && ImplementsGeneric(type, _formatters[i].Type)) return _formatters[i].Format;
            return null;
        }
    }

    private static bool ImplementsGeneric(Type type, Type definition)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == definition) return true;
        return type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition);
    }

    /// <summary>Plain text for values without a formatter: invariant numbers, sequences as <c>[a, b, ...]</c>.</summary>
    public string ToPlainText(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => FormatSequence(sequence),
        _ => SafeToString(value),
    };

    private string FormatSequence(IEnumerable sequence)
    {
        var sb = new StringBuilder("[");
        int n = 0;
        foreach (var item in sequence)
        {
            if (n > 0) sb.Append(", ");
            if (n == MaxSequenceItems) { sb.Append("..."); break; }
            sb.Append(item is IEnumerable and not string ? SafeToString(item) : ToPlainText(item));
            n++;
        }
        return sb.Append(']').ToString();
    }

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? value.GetType().Name;
        }
        catch (Exception e)
        {
            return $"<{value.GetType().Name}: ToString threw {e.GetType().Name}: {e.Message}>";
        }
    }
}
