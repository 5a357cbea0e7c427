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
    private bool _closed;

    public OutputCollector(Action<NotebookOutput>? onOutput) => _onOutput = onOutput;

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
