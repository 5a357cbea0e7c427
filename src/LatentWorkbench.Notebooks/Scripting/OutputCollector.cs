using System.Globalization;
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
    private readonly long _maxStreamChars;
    private long _streamChars;
    private bool _closed, _truncated;

    /// <param name="onOutput">Called with each output as it is added.</param>
    /// <param name="preamble">
    /// Given each display or result bundle, returns a display to add just before it, or null; the session passes
    /// <see cref="Display.PlotlyLibraryPreamble.Before"/> so plotly.js precedes the first figure.
    /// </param>
    /// <param name="maxStreamChars">Stream text kept per cell; the rest is dropped with a note.</param>
    public OutputCollector(Action<NotebookOutput>? onOutput, Func<MimeBundle, MimeBundle?>? preamble = null, long maxStreamChars = DefaultMaxStreamChars)
    {
        _onOutput = onOutput;
        _preamble = preamble;
        _maxStreamChars = maxStreamChars;
    }

    /// <summary>About 10 MB: more text than any front end shows usefully, and enough to stall a browser and bloat a notebook.</summary>
    public const long DefaultMaxStreamChars = 10_000_000;

    /// <summary>Appends stream text; false once the cell has finished (late writes go elsewhere).</summary>
    public bool AppendStream(string name, string text)
    {
        if (text.Length == 0) return true;
        lock (_gate)
        {
            if (_closed) return false;
            if (_truncated) return true; // the rest is dropped
            if (_streamChars + text.Length > _maxStreamChars)
            {
                text = text[..(int)(_maxStreamChars - _streamChars)] +
                       string.Create(CultureInfo.InvariantCulture, $"\n[output truncated: this cell wrote more than {_maxStreamChars:N0} characters; the rest was dropped]\n");
                _truncated = true;
            }
            else _streamChars += text.Length;
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
            if (output switch { DisplayDataOutput d => d.Data, ExecuteResultOutput r => r.Data, _ => null } is { } data) AddPreamble(data);
            _items.Add(output);
            _onOutput?.Invoke(output);
            return true;
        }
    }

    /// <summary>
    /// Replaces this cell's display with the update's id, if it has one, and reports the update either way (the display
    /// may belong to an earlier cell); false once the cell has finished.
    /// </summary>
    public bool Update(UpdateDisplayDataOutput update)
    {
        lock (_gate)
        {
            if (_closed) return false;
            // A display that turns into the session's first figure needs the library in the page too.
            AddPreamble(update.Data);
            for (int i = _items.Count - 1; i >= 0; i--)
            {
                if (_items[i] is DisplayDataOutput shown && shown.DisplayId == update.DisplayId) _items[i] = update.ToDisplay();
            }
            _onOutput?.Invoke(update);
            return true;
        }
    }

    // Called under the lock: the display the preamble asks for (plotly.js before the first figure) goes first.
    private void AddPreamble(MimeBundle data)
    {
        if (_preamble?.Invoke(data) is not { } before) return;
        var first = new DisplayDataOutput(before);
        _items.Add(first);
        _onOutput?.Invoke(first);
    }

    /// <summary>Stops accepting outputs and returns them in order; stream text is stored as a terminal shows it (see <see cref="ConsoleText"/>).</summary>
    public IReadOnlyList<NotebookOutput> Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _items.Select(i => i is StreamBuffer s ? new StreamOutput(s.Name, ConsoleText.ApplyCarriageReturns(s.Text.ToString())) : (NotebookOutput)i).ToArray();
        }
    }

    private sealed record StreamBuffer(string Name, StringBuilder Text);
}
