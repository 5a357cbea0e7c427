using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>Maps notebook outputs to the IOPub messages that carry them.</summary>
internal static class OutputMessages
{
    /// <summary>The IOPub msg_type and content for <paramref name="output"/>; null for outputs with no IOPub form.</summary>
    public static (string MessageType, JsonObject Content)? For(NotebookOutput output, int executionCount) => output switch
    {
        StreamOutput s => ("stream", new JsonObject { ["name"] = s.Name, ["text"] = s.Text }),
        DisplayDataOutput d => ("display_data", new JsonObject
        {
            ["data"] = Bundle(d.Data), ["metadata"] = d.Metadata?.DeepClone() ?? new JsonObject(), ["transient"] = Transient(d.DisplayId),
        }),
        UpdateDisplayDataOutput u => ("update_display_data", new JsonObject
        {
            ["data"] = Bundle(u.Data), ["metadata"] = u.Metadata?.DeepClone() ?? new JsonObject(), ["transient"] = Transient(u.DisplayId),
        }),
        ExecuteResultOutput r => ("execute_result", new JsonObject
        {
            ["execution_count"] = executionCount, ["data"] = Bundle(r.Data), ["metadata"] = r.Metadata?.DeepClone() ?? new JsonObject(),
        }),
        ErrorOutput e => ("error", ErrorContent(e)),
        _ => null,
    };

    /// <summary>The <c>ename</c>/<c>evalue</c>/<c>traceback</c> triple used by error messages and error replies.</summary>
    public static JsonObject ErrorContent(ErrorOutput error)
    {
        var traceback = new JsonArray();
        foreach (var line in error.Traceback) traceback.Add(line);
        return new JsonObject { ["ename"] = error.EName, ["evalue"] = error.EValue, ["traceback"] = traceback };
    }

    private static JsonObject Transient(string? displayId) =>
        displayId is null ? new JsonObject() : new JsonObject { ["display_id"] = displayId };

    private static JsonObject Bundle(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, node) in bundle) data[mime] = node.DeepClone();
        return data;
    }
}
