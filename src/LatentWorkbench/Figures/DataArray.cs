using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// A numeric series handed to a trace. Keeps float input as float so that JSON prints the shortest
/// float round-trip form (0.1f prints as 0.1, not 0.10000000149011612). Arrays are copied, so later
/// changes to the caller's buffer do not leak into a figure.
/// </summary>
public readonly struct DataArray
{
    private readonly double[]? _doubles;
    private readonly float[]? _floats;

    private DataArray(double[]? doubles, float[]? floats)
    {
        _doubles = doubles;
        _floats = floats;
    }

    /// <summary>Number of elements n; the paired arrays of a trace (x and y, ...) must agree on it.</summary>
    public int Length => _doubles?.Length ?? _floats?.Length ?? 0;

    /// <summary>Element <paramref name="i"/> widened to double.</summary>
    public double this[int i] => _doubles is not null ? _doubles[i] : _floats![i];

    /// <summary>Copies double values.</summary>
    public static DataArray From(ReadOnlySpan<double> values) => new(values.ToArray(), null);

    /// <summary>Copies float values.</summary>
    public static DataArray From(ReadOnlySpan<float> values) => new(null, values.ToArray());

    /// <summary>Copies a sequence of doubles.</summary>
    public static DataArray From(IEnumerable<double> values) => new(values.ToArray(), null);

    /// <summary>0, 1, ..., n-1 (the default x of a line plot over steps).</summary>
    public static DataArray Range(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var a = new double[n];
        for (var i = 0; i < n; i++) a[i] = i;
        return new(a, null);
    }

    /// <summary>Copies a double array.</summary>
    public static implicit operator DataArray(double[] values) => From(values);

    /// <summary>Copies a float array.</summary>
    public static implicit operator DataArray(float[] values) => From(values);

    /// <summary>Copies an int array.</summary>
    public static implicit operator DataArray(int[] values) => new(Array.ConvertAll(values, v => (double)v), null);

    /// <summary>Copies a list of doubles.</summary>
    public static implicit operator DataArray(List<double> values) => new(values.ToArray(), null);

    /// <summary>Copies a double span.</summary>
    public static implicit operator DataArray(ReadOnlySpan<double> values) => From(values);

    /// <summary>Copies a float span.</summary>
    public static implicit operator DataArray(ReadOnlySpan<float> values) => From(values);

    internal JsonArray ToJson()
    {
        var a = new JsonArray();
        if (_doubles is not null)
            foreach (var v in _doubles) a.Add(PlotlyJson.Number(v));
        else if (_floats is not null)
            foreach (var v in _floats) a.Add(PlotlyJson.Number(v));
        return a;
    }

    internal JsonArray SliceToJson(int start, int count)
    {
        var a = new JsonArray();
        for (var i = start; i < start + count; i++)
            a.Add(_doubles is not null ? PlotlyJson.Number(_doubles[i]) : PlotlyJson.Number(_floats![i]));
        return a;
    }
}
