namespace LatentWorkbench.Display;

/// <summary>An output shown in a notebook that can be replaced in place later (a progress bar, a figure being refined).</summary>
public interface IDisplayHandle
{
    /// <summary>The id front ends use to find the output (<c>transient.display_id</c>).</summary>
    string DisplayId { get; }

    /// <summary>Replaces the shown output with <paramref name="value"/>, wherever it is (also from a later cell).</summary>
    void Update(object? value);
}
