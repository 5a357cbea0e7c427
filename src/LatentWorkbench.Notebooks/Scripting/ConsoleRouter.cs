using System.Text;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> once per process with writers that send text
/// to the running cell (see <see cref="CellContext"/>) and everything else to the original console.
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
            _installed = true;
        }
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
