namespace LatentWorkbench.Engine.Optim;

/// <summary>The amplitude policy of <see cref="CyclicLR"/>.</summary>
public enum CyclicMode
{
    /// <summary>Constant amplitude.</summary>
    Triangular,
    /// <summary>Amplitude halved every cycle.</summary>
    Triangular2,
    /// <summary>Amplitude scaled by gamma^step.</summary>
    ExpRange,
}
