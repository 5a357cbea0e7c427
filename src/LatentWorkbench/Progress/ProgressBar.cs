using System.Diagnostics;
using System.Globalization;
using LatentWorkbench.Display;

namespace LatentWorkbench.Progress;

/// <summary>
/// A progress display for long work: in a notebook cell, one output updated in place (through
/// <see cref="LiveDisplay"/>); in an interactive terminal, a redrawn bar with rate and ETA; otherwise (a file, CI) a
/// few plain lines, every 10% and at the end.
/// </summary>
public sealed class ProgressBar : IDisposable
{
    private readonly string _label;
    private readonly long _total;
    private readonly string _unit;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly IDisplayHandle? _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done;
    private long _lastDrawTicks = long.MinValue;
    private int _lastDecile = -1;
    private string _status = "";
    private bool _finished;

    /// <summary>Starts a bar for <paramref name="total"/> units of work.</summary>
    public ProgressBar(string label, long total, string unit = "it", TextWriter? writer = null, bool? interactive = null)
    {
        _label = label;
        _total = Math.Max(total, 1);
        _unit = unit;
        _writer = writer ?? Console.Out;
        _interactive = interactive ?? (writer is null && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
        // A bar given its own writer keeps writing there; otherwise a running notebook cell gets a live output.
        if (Enabled && writer is null && interactive is null) _live = LiveDisplay.TryShow(View());
        if (Enabled && _live is null) Draw(force: true);
    }

    /// <summary>Whether the bar is a notebook output updated in place (rather than terminal or log lines).</summary>
    public bool IsLive => _live is not null;

    /// <summary>Global switch, e.g. for tests; when false nothing is printed.</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>Seconds since the bar started.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>Units per second so far.</summary>
    public double Rate => _done / Math.Max(Elapsed, 1e-9);

    /// <summary>Advances by <paramref name="count"/> units and sets a short status (e.g. "loss 0.0123").</summary>
    public void Advance(long count = 1, string? status = null)
    {
        _done = Math.Min(_done + count, _total);
        if (status is not null) _status = status;
        if (Enabled) Draw(force: false);
    }

    /// <summary>Ends the bar, printing the final state once.</summary>
    public void Finish(string? status = null)
    {
        if (_finished) return;
        _finished = true;
        if (status is not null) _status = status;
        if (!Enabled) return;
        if (_live is not null) { _live.Update(View()); return; }
        if (_interactive) { Draw(force: true); _writer.WriteLine(); }
        else if (_lastDecile < 10) _writer.WriteLine(Line());
        _writer.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => Finish();

    /// <summary>The current state as a notebook output.</summary>
    public ProgressView View() => new((double)_done / _total, Line());

    private void Draw(bool force)
    {
        if (_live is not null)
        {
            long now = _clock.ElapsedTicks;
            // A notebook front end redraws a whole output per update: four a second is live enough.
            if (!force && now - _lastDrawTicks < Stopwatch.Frequency / 4) return;
            _lastDrawTicks = now;
            _live.Update(View());
        }
        else if (_interactive)
        {
            long now = _clock.ElapsedTicks;
            // Redraw at most 10 times a second; terminals are slower than training loops.
            if (!force && _done < _total && now - _lastDrawTicks < Stopwatch.Frequency / 10) return;
            _lastDrawTicks = now;
            _writer.Write("\r" + Line() + "\u001b[K");
            _writer.Flush();
        }
        else
        {
            int decile = (int)(10 * _done / _total);
            if (decile <= _lastDecile || (decile == 0 && !force)) return;
            _lastDecile = decile;
            _writer.WriteLine(Line());
        }
    }

    private string Line()
    {
        const int width = 28;
        double fraction = (double)_done / _total;
        int filled = (int)(fraction * width);
        string bar = new string('#', filled) + new string('.', width - filled);
        double rate = Rate;
        string eta = rate > 0 && _done < _total ? FormatTime((_total - _done) / rate) : "--:--";
        return string.Create(CultureInfo.InvariantCulture,
            $"{_label} [{bar}] {fraction * 100,5:F1}% {_done}/{_total} {rate:F1} {_unit}/s elapsed {FormatTime(Elapsed)} eta {eta} {_status}").TrimEnd();
    }

    private static string FormatTime(double seconds)
    {
        var t = TimeSpan.FromSeconds(seconds);
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
    }
}
