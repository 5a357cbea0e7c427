namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Protocol 5.2+ measures cursor positions in Unicode code points, .NET strings in UTF-16 units; they differ only
/// when the text holds characters outside the Basic Multilingual Plane (surrogate pairs).
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> (clamped to the text).</summary>
    public static int ToUtf16(string text, int codePoint)
    {
        var index = 0;
        for (var seen = 0; seen < codePoint && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The number of code points in the first <paramref name="utf16Index"/> UTF-16 units.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        utf16Index = Math.Clamp(utf16Index, 0, text.Length);
        var count = 0;
        for (var i = 0; i < utf16Index; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < utf16Index && char.IsLowSurrogate(text[i + 1])) i++;
            count++;
        }
        return count;
    }
}
