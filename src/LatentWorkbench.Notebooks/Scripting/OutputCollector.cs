using System.Text;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// The outputs of one cell execution, safe to append from any thread. Consecutive writes to the same stream
/// merge into one stream output, as Jupyter stores them; each piece is also reported as it arrives.
/// </summary>
internal sealed class OutputCollector
{
    private readonly object _gate = new();
    private readonly List<object> _items = new(); // NotebookOutput or (name, StringBuilder) for an open stream
    private readonly Action<NotebookOutput>? _onOutput;
    private readonly Func<MimeBundle, MimeBundle?>? _preamble;
    private bool _closed;

    /// <param name="onOutput">Called with each output as it is added.</param>
    /// <param name="preamble">
    /// Given each display or result bundle, returns a display to add just before it, or null; the session passes
    /// <see cref="Display.PlotlyLibraryPreamble.Before"/> so plotly.js precedes the first figure.
    /// </param>
    public OutputCollector(Action<NotebookOutput>? onOutput, Func<MimeBundle, MimeBundle?>? preamble = null)
    {
        _onOutput = onOutput;
        _preamble = preamble;
    }

    /// <summary>Appends stream text; false once the cell has finished (late writes go elsewhere).</summary>
    public bool AppendStream(string name, string text)
    {
        if (text.Length == 0) return true;
        lock (_gate)
        {
            if (_closed) return false;
            if (_items.Count > 0 && _items[^1] is StreamBuffer open && open.Name == name) open.Text.Append(text);
            else _items.Add(new StreamBuffer(name, new StringBuilder(text)));
            _onOutput?.Invoke(new StreamOutput(name, text));
            return true;
        }
    }

    /// <summary>Appends a display, result or error output; false once the cell has finished.</summary>
    public bool Add(NotebookOutput output)
    {
        lock (_gate)
        {
            if (_closed) return false;
            var data = output switch { DisplayDataOutput d => d.Data, ExecuteResultOutput r => r.Data, _ => null };
            if (data is not null && _preamble?.Invoke(data) is { } before)
            {
                var first = new DisplayDataOutput(before);
                _items.Add(first);
                _onOutput?.Invoke(first);
            }
            _items.Add(output);
            _onOutput?.Invoke(output);
            return true;
        }
    }

    /// <summary>Stops accepting outputs and returns them in order.</summary>
    public IReadOnlyList<NotebookOutput> Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _items.Select(i => i is StreamBuffer s ? new StreamOutput(s.Name, s.Text.ToString()) : (NotebookOutput)i).ToArray();
        }
    }

    private sealed record StreamBuffer(string Name, StringBuilder Text);
}
