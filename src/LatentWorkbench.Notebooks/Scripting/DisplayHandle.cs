using LatentWorkbench.Display;
using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// What <c>display(x)</c> returns: <see cref="Update"/> replaces that output in place, also from a later cell
/// (Jupyter's <c>update_display_data</c>, as .NET Interactive's <c>DisplayedValue.Update</c>). A saved notebook keeps
/// only the final state.
/// </summary>
public sealed class DisplayHandle : IDisplayHandle
{
    private readonly FormatterRegistry _formatters;

    internal DisplayHandle(string displayId, FormatterRegistry formatters)
    {
        DisplayId = displayId;
        _formatters = formatters;
    }

    /// <inheritdoc/>
    public string DisplayId { get; }

    /// <summary>Shows <paramref name="bundle"/> in the running cell and returns its handle (null outside a cell).</summary>
    internal static DisplayHandle? Show(MimeBundle bundle, FormatterRegistry formatters)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), formatters);
        return CellContext.Current?.Outputs.Add(new DisplayDataOutput(bundle) { DisplayId = handle.DisplayId }) == true ? handle : null;
    }

    /// <inheritdoc/>
    public void Update(object? value)
    {
        var update = new UpdateDisplayDataOutput(DisplayId, _formatters.Format(value));
        // Outside a running cell (a background thread that outlived it) there is no client to tell.
        CellContext.Current?.Outputs.Update(update);
    }

    /// <inheritdoc/>
    public override string ToString() => $"display {DisplayId}";
}
