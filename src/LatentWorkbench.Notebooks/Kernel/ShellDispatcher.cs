using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Works through shell requests in arrival order on its own thread, so the I/O thread stays free to receive
/// control messages (an interrupt) while a cell runs. Each request is framed by busy/idle status on IOPub.
/// </summary>
internal sealed class ShellDispatcher : IDisposable
{
    private readonly BlockingCollection<JupyterMessage> _queue = new();
    private readonly ScriptSession _session;
    private readonly KernelPublisher _publisher;
    private readonly CellExecutor _executor;
    private readonly Task _warmUp;
    private readonly Action<JupyterMessage, KernelChannel> _onShutdown;
    private readonly TextWriter _log;
    private readonly Thread _thread;

    public ShellDispatcher(ScriptSession session, KernelPublisher publisher, StdinChannel stdin, Task warmUp, Action<JupyterMessage, KernelChannel> onShutdown, TextWriter log)
    {
        _session = session;
        _publisher = publisher;
        _executor = new CellExecutor(session, publisher, stdin);
        _warmUp = warmUp;
        _onShutdown = onShutdown;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "jupyter-shell" };
    }

    /// <summary>Runs cells; the control channel uses it to interrupt.</summary>
    public CellExecutor Executor => _executor;

    public void Start() => _thread.Start();

    /// <summary>Queues a shell request (called on the I/O thread).</summary>
    public void Enqueue(JupyterMessage request)
    {
        if (!_queue.IsAddingCompleted) _queue.Add(request);
    }

    private void Run()
    {
        foreach (var request in _queue.GetConsumingEnumerable())
        {
            if (!Handle(request)) continue;
            // stop_on_error: requests already queued behind a failed cell are answered "aborted", as ipykernel does.
            while (_queue.TryTake(out var queued))
            {
                if (queued.MessageType == "execute_request") Framed(queued, () => _executor.Abort(queued));
                else Handle(queued);
            }
        }
    }

    /// <summary>Handles one request; true when it was a failed execution with stop_on_error.</summary>
    private bool Handle(JupyterMessage request)
    {
        var failed = false;
        Framed(request, () => failed = Dispatch(request));
        return failed;
    }

    private void Framed(JupyterMessage request, Action body)
    {
        _publisher.Status(request, "busy");
        try
        {
            body();
        }
        catch (Exception e)
        {
            _log.WriteLine($"[kernel] '{request.MessageType}' failed: {e}");
        }
        finally
        {
            _publisher.Status(request, "idle");
        }
    }

    private bool Dispatch(JupyterMessage request)
    {
        var content = request.Content;
        switch (request.MessageType)
        {
            case "kernel_info_request":
                Reply(request, "kernel_info_reply", KernelInfo.ReplyContent());
                return false;
            case "execute_request":
                return _executor.ExecuteAsync(request, _warmUp).GetAwaiter().GetResult();
            case "complete_request":
                Reply(request, "complete_reply", Complete(Text(content, "code"), Number(content, "cursor_pos")));
                return false;
            case "is_complete_request":
                Reply(request, "is_complete_reply", IsComplete(Text(content, "code")));
                return false;
            case "inspect_request":
                Reply(request, "inspect_reply", Inspect(Text(content, "code"), Number(content, "cursor_pos")));
                return false;
            case "comm_info_request":
                Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                return false;
            case "history_request":
                Reply(request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() });
                return false;
            case "shutdown_request":
                _onShutdown(request, KernelChannel.Shell);
                return false;
            default:
                _log.WriteLine($"[kernel] ignoring unsupported shell message '{request.MessageType}'.");
                return false;
        }
    }

    private JsonObject Complete(string code, int cursorCodePoints)
    {
        var cursor = CodePoints.ToUtf16(code, cursorCodePoints);
        var items = _session.CompleteAsync(code, cursor).GetAwaiter().GetResult();
        var start = items.Count > 0 ? items[0].ReplaceStart : cursor;
        var end = items.Count > 0 ? items[0].ReplaceEnd : cursor;
        int startPoints = CodePoints.FromUtf16(code, start), endPoints = CodePoints.FromUtf16(code, end);
        var matches = new JsonArray();
        // JupyterLab and VS Code show these types and signatures beside the matches (IPython's experimental key).
        var types = new JsonArray();
        foreach (var item in items)
        {
            matches.Add(item.InsertText);
            types.Add(new JsonObject
            {
                ["start"] = startPoints, ["end"] = endPoints, ["text"] = item.InsertText,
                ["type"] = JupyterType(item.Kind), ["signature"] = item.Detail,
            });
        }
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = matches,
            ["cursor_start"] = startPoints,
            ["cursor_end"] = endPoints,
            ["metadata"] = new JsonObject { ["_jupyter_types_experimental"] = types },
        };
    }

    /// <summary>Roslyn's symbol kind in the vocabulary Jupyter front ends know (IPython's completion types).</summary>
    private static string JupyterType(string kind) => kind switch
    {
        "Method" => "function",
        "NamedType" => "class",
        "Namespace" => "module",
        "Property" => "property",
        "Field" => "field",
        "Event" => "event",
        "Local" or "Parameter" or "RangeVariable" => "variable",
        _ => kind.ToLowerInvariant(),
    };

    private JsonObject Inspect(string code, int cursorCodePoints)
    {
        var found = _session.InspectAsync(code, CodePoints.ToUtf16(code, cursorCodePoints)).GetAwaiter().GetResult();
        var data = new JsonObject();
        if (found is not null)
        {
            data["text/plain"] = found.ToText();
            data["text/markdown"] = $"```csharp\n{found.Signature}\n```" + (found.Summary is null ? "" : $"\n\n{found.Summary}");
        }
        return new JsonObject { ["status"] = "ok", ["found"] = found is not null, ["data"] = data, ["metadata"] = new JsonObject() };
    }

    private static JsonObject IsComplete(string code)
    {
        var state = ScriptSession.IsComplete(code);
        var reply = new JsonObject
        {
            ["status"] = state switch
            {
                CodeCompleteness.Complete => "complete",
                CodeCompleteness.Incomplete => "incomplete",
                _ => "invalid",
            },
        };
        if (state == CodeCompleteness.Incomplete) reply["indent"] = "    ";
        return reply;
    }

    private void Reply(JupyterMessage request, string type, JsonObject content) => _publisher.Reply(KernelChannel.Shell, request, type, content);

    private static string Text(JsonObject content, string key) =>
        content[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static int Number(JsonObject content, string key) =>
        content[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    /// <summary>Stops taking requests and waits for the one in progress (a hung cell is abandoned after a grace period).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _executor.Interrupt();
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(5));
    }
}
