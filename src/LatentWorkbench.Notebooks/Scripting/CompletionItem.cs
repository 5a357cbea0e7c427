namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>One completion candidate.</summary>
/// <param name="DisplayText">What to show in the list.</param>
/// <param name="InsertText">What replaces the span <paramref name="ReplaceStart"/>..<paramref name="ReplaceEnd"/>.</param>
/// <param name="Kind">Symbol kind (Method, Property, Local, NamedType, Namespace, ...).</param>
/// <param name="Detail">Signature or type, for a tooltip.</param>
/// <param name="ReplaceStart">Start of the text being completed (offset in the code).</param>
/// <param name="ReplaceEnd">End of the text being completed (the cursor).</param>
public sealed record CompletionItem(string DisplayText, string InsertText, string Kind, string Detail, int ReplaceStart, int ReplaceEnd);
