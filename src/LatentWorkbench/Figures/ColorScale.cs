using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A plotly colour scale: a built-in palette name or explicit (position, colour) stops.</summary>
public sealed class ColorScale
{
    private readonly string? _name;
    private readonly (double Position, string Color)[]? _stops;

    private ColorScale(string? name, (double, string)[]? stops)
    {
        _name = name;
        _stops = stops;
    }

    /// <summary>Perceptually uniform, colour-blind friendly default.</summary>
    public static ColorScale Viridis { get; } = Named("Viridis");

    /// <summary>Diverging red-blue; pair with symmetric zmin/zmax for signed quantities.</summary>
    public static ColorScale RdBu { get; } = Named("RdBu");

    /// <summary>Black (0) to white (1), for grayscale images.</summary>
    public static ColorScale Gray { get; } = Custom((0, "rgb(0,0,0)"), (1, "rgb(255,255,255)"));

    /// <summary>Cividis, a colour-vision-deficiency friendly sequential palette.</summary>
    public static ColorScale Cividis { get; } = Named("Cividis");

    /// <summary>A plotly.js built-in palette by name (e.g. "Viridis", "Hot", "Blues").</summary>
    public static ColorScale Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(name, null);
    }

    /// <summary>Explicit stops; positions must rise from 0 to 1.</summary>
    public static ColorScale Custom(params (double Position, string Color)[] stops)
    {
        if (stops.Length < 2 || stops[0].Position != 0 || stops[^1].Position != 1)
            throw new ArgumentException("A custom colour scale needs at least two stops, the first at 0 and the last at 1.", nameof(stops));
        for (var i = 1; i < stops.Length; i++)
            if (!(stops[i].Position >= stops[i - 1].Position))
                throw new ArgumentException($"Colour scale stop {i} at {stops[i].Position.ToString(CultureInfo.InvariantCulture)} is below the previous stop.", nameof(stops));
        return new(null, (((double, string)[])stops.Clone()));
    }

    internal JsonNode ToJson()
    {
        if (_name is not null) return JsonValue.Create(_name);
        var a = new JsonArray();
        foreach (var (p, c) in _stops!) a.Add(new JsonArray(p, c));
        return a;
    }
}
