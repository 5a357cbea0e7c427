namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// The shapes of one 2-D convolution: the "image" side (InC x InH x InW) and the "feature" side
/// (OutC x OutH x OutW), linked by a kernel, stride, padding and dilation. A transposed convolution
/// uses the same geometry with the roles of the two sides swapped.
/// </summary>
internal readonly record struct ConvGeometry(
    int N, int InC, int InH, int InW, int OutC, int OutH, int OutW,
    int Kh, int Kw, int Sh, int Sw, int Ph, int Pw, int Dh, int Dw)
{
    /// <summary>Rows of the im2col matrix: one per (channel, kernel row, kernel column).</summary>
    public int ColRows => InC * Kh * Kw;

    /// <summary>Columns of the im2col matrix: one per output position.</summary>
    public int ColCols => OutH * OutW;

    public int InPlane => InC * InH * InW;
    public int OutPlane => OutC * OutH * OutW;

    /// <summary>Output extent of a convolution along one axis (PyTorch's formula).</summary>
    public static int ConvOut(int size, int kernel, int stride, int pad, int dilation) =>
        (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
}
