using System.Text;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Replaces <see cref="Console.Out"/>, <see cref="Console.Error"/> and <see cref="Console.In"/> once per process:
/// text goes to the running cell (see <see cref="CellContext"/>) and input comes from whoever runs it (a kernel's
/// input_request); outside cells, the original console.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly object Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
            Console.SetError(new RoutingWriter(Console.Error, "stderr"));
            Console.SetIn(new RoutingReader(Console.In));
            _installed = true;
        }
    }

    private sealed class RoutingReader(TextReader fallback) : TextReader
    {
        // A cell reads whole lines from its front end; what is left of a line after Read() waits for the next call.
        private string _pending = "";

        public override string? ReadLine()
        {
            if (CellContext.Current is not { } cell) return fallback.ReadLine();
            if (_pending.Length > 0)
            {
                var rest = _pending;
                _pending = "";
                return rest.TrimEnd('\n');
            }
            return cell.ReadLine("");
        }

        public override int Read()
        {
            if (CellContext.Current is not { } cell) return fallback.Read();
            if (_pending.Length == 0) _pending = cell.ReadLine("") + "\n";
            var c = _pending[0];
            _pending = _pending[1..];
            return c;
        }

        public override int Peek() => CellContext.Current is null ? fallback.Peek() : _pending.Length > 0 ? _pending[0] : -1;
    }

    private sealed class RoutingWriter(TextWriter fallback, string stream) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override IFormatProvider FormatProvider => fallback.FormatProvider;

        public override void Write(char value) => Route(value.ToString());

        public override void Write(string? value)
        {
            if (value is not null) Route(value);
        }

        public override void Write(char[] buffer, int index, int count) => Route(new string(buffer, index, count));

        public override void Write(ReadOnlySpan<char> buffer) => Route(new string(buffer));

        public override void WriteLine(string? value) => Route((value ?? "") + NewLine);

        public override void WriteLine() => Route(NewLine);

        public override void Flush()
        {
            if (CellContext.Current is null) fallback.Flush();
        }

        private void Route(string text)
        {
            if (CellContext.Current?.Outputs.AppendStream(stream, text) == true) return;
            fallback.Write(text);
        }
    }
}
