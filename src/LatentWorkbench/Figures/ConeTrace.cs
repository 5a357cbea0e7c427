using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A 3D vector field drawn as cones (plotly "cone").</summary>
public sealed class ConeTrace : Trace
{
    /// <summary>Cones at (x, y, z) pointing along (u, v, w), all six [n].</summary>
    public ConeTrace(DataArray x, DataArray y, DataArray z, DataArray u, DataArray v, DataArray w)
    {
        RequireSameLength("Cone", ("x", x.Length), ("y", y.Length), ("z", z.Length), ("u", u.Length), ("v", v.Length), ("w", w.Length));
        (X, Y, Z, U, V, W) = (x, y, z, u, v, w);
    }

    /// <inheritdoc />
    public override string PlotlyType => "cone";

    /// <inheritdoc />
    public override bool IsThreeDimensional => true;

    /// <summary>x coordinates of the cone positions, [n].</summary>
    public DataArray X { get; }

    /// <summary>y coordinates of the cone positions, [n].</summary>
    public DataArray Y { get; }

    /// <summary>z coordinates of the cone positions, [n].</summary>
    public DataArray Z { get; }

    /// <summary>x components of the vectors, [n].</summary>
    public DataArray U { get; }

    /// <summary>y components of the vectors, [n].</summary>
    public DataArray V { get; }

    /// <summary>z components of the vectors, [n].</summary>
    public DataArray W { get; }

    /// <summary>Colour scale for the vector norm.</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Cone size factor; with "scaled" sizing, 1 makes the largest cone fill the typical point spacing.</summary>
    public double? SizeRef { get; set; }

    /// <summary>Which part of the cone sits at (x, y, z): "tail", "tip", "center" or "cm".</summary>
    public string? Anchor { get; set; }

    /// <summary>Whether to draw the colour bar.</summary>
    public bool? ShowScale { get; set; }

    /// <summary>Sets the colour scale and sizing.</summary>
    public ConeTrace WithStyle(ColorScale? colorScale = null, double? sizeRef = null, string? anchor = null, bool? showScale = null)
    {
        ColorScale = colorScale ?? ColorScale;
        SizeRef = sizeRef ?? SizeRef;
        Anchor = anchor ?? Anchor;
        ShowScale = showScale ?? ShowScale;
        return this;
    }

    private protected override void WriteData(JsonObject o)
    {
        o["x"] = X.ToJson();
        o["y"] = Y.ToJson();
        o["z"] = Z.ToJson();
        o["u"] = U.ToJson();
        o["v"] = V.ToJson();
        o["w"] = W.ToJson();
        if (ColorScale is not null) o["colorscale"] = ColorScale.ToJson();
        if (SizeRef is not null) o["sizemode"] = "scaled";
        o.SetIf("sizeref", SizeRef);
        o.SetIf("anchor", Anchor);
        o.SetIf("showscale", ShowScale);
    }
}
