namespace LatentWorkbench.Display;

/// <summary>
/// How library code reaches a notebook without depending on the notebook runtime: the runtime installs
/// <see cref="Provider"/>, which shows a value in the running cell and returns its handle, or null when no cell is
/// running (the command line, tests). Progress bars use it to update one output in place instead of printing lines.
/// </summary>
public static class LiveDisplay
{
    /// <summary>Shows a value in the running cell; null outside a cell. Set once by the notebook runtime.</summary>
    public static Func<object?, IDisplayHandle?>? Provider { get; set; }

    /// <summary>Shows <paramref name="value"/> in the running notebook cell, or returns null when there is none.</summary>
    public static IDisplayHandle? TryShow(object? value) => Provider?.Invoke(value);
}
