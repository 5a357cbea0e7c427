using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;
using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Handles <c>execute_request</c>: runs the code in the script session, streams its outputs on IOPub and replies.
/// The kernel keeps its own execution counter because silent and store_history=false requests must not advance it.
/// </summary>
internal sealed class CellExecutor(ScriptSession session, KernelPublisher publisher, StdinChannel stdin)
{
    private readonly object _gate = new();
    private CancellationTokenSource? _running;
    private int _executionCount;

    /// <summary>Stops the running cell, if any (control channel's interrupt_request). Safe from any thread.</summary>
    public bool Interrupt()
    {
        lock (_gate)
        {
            if (_running is null) return false;
            _running.Cancel();
            return true;
        }
    }

    /// <summary>Runs one request; true when it failed with stop_on_error set (queued executions are then aborted).</summary>
    /// <param name="request">The execute_request.</param>
    /// <param name="warmUp">Background warm-up (never faults) the cell waits for; an interrupt during that wait cancels the cell.</param>
    public async Task<bool> ExecuteAsync(JupyterMessage request, Task warmUp)
    {
        var content = request.Content;
        var code = Text(content, "code");
        var silent = Flag(content, "silent", false);
        var storeHistory = Flag(content, "store_history", !silent) && !silent;
        var count = storeHistory ? ++_executionCount : _executionCount;

        // Streams arrive in pieces through the event; everything else is published once, from the event or the result.
        // A display updated in place comes back in the result as a new object; its id says it was already shown.
        var published = new HashSet<NotebookOutput>(ReferenceEqualityComparer.Instance);
        var streamed = false;
        var shownDisplays = new HashSet<string>(StringComparer.Ordinal);
        bool AlreadyPublished(NotebookOutput output) => output switch
        {
            StreamOutput => streamed,
            UpdateDisplayDataOutput => false,
            DisplayDataOutput { DisplayId: { } id } when !shownDisplays.Add(id) => true,
            _ => !published.Add(output),
        };
        void Publish(NotebookOutput output)
        {
            if (silent) return; // silent: nothing on IOPub at all, errors included
            if (OutputMessages.For(output, count) is not { } message) return;
            publisher.Publish(request, message.MessageType, message.Content);
        }
        void OnOutput(object? sender, OutputProducedEventArgs e)
        {
            lock (published)
            {
                if (e.Output is StreamOutput) streamed = true;
                else if (e.Output is ExecuteResultOutput) return; // published at the end, with the cell's provenance
                else if (AlreadyPublished(e.Output)) return;
            }
            Publish(e.Output);
        }

        using var cancellation = new CancellationTokenSource();
        lock (_gate) _running = cancellation;
        if (!silent) publisher.Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        session.OutputProduced += OnOutput;
        CellExecutionResult result;
        try
        {
            await warmUp.WaitAsync(cancellation.Token).ConfigureAwait(false);
            var cellOptions = new CellExecutionOptions
            {
                CellName = $"cell {count}",
                ReadInput = Flag(content, "allow_stdin", false) ? (prompt, password, token) => stdin.Request(request, prompt, password, token) : null,
                NoInputReason = "the front end that sent this cell does not accept input requests (allow_stdin is false); set the value in code instead.",
            };
            result = await session.ExecuteAsync(code, cellOptions, cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted before the session started the cell (during warm-up or while it was starting).
            var error = new ErrorOutput("Interrupted", "execution was interrupted", ["Interrupted: the cell did not start"]);
            result = new CellExecutionResult(count, CellStatus.Cancelled, [error], TimeSpan.Zero, null);
        }
        finally
        {
            session.OutputProduced -= OnOutput;
            lock (_gate) _running = null;
        }

        // Provenance is known once the cell is done: it goes on the execute_reply and on the cell's result, the one
        // output published at the end, which front ends save with the notebook.
        var provenance = CellProvenance.ToJson(result.Provenance);
        foreach (var output in result.Outputs)
        {
            lock (published)
            {
                if (AlreadyPublished(output)) continue;
            }
            Publish(output is ExecuteResultOutput r ? r with { Metadata = WithProvenance(r.Metadata, provenance) } : output);
        }

        JsonObject reply;
        if (result.Succeeded)
        {
            reply = new JsonObject { ["status"] = "ok", ["payload"] = new JsonArray(), ["user_expressions"] = new JsonObject() };
        }
        else
        {
            var error = result.Error ?? new ErrorOutput(result.Status.ToString(), $"cell ended with status {result.Status}", []);
            reply = OutputMessages.ErrorContent(error);
            reply["status"] = "error";
        }
        reply["execution_count"] = count;
        publisher.Reply(KernelChannel.Shell, request, "execute_reply", reply, new JsonObject { [CellProvenance.Key] = provenance.DeepClone() });
        return !result.Succeeded && Flag(content, "stop_on_error", true);
    }

    private static JsonObject WithProvenance(JsonObject? metadata, JsonObject provenance)
    {
        var copy = metadata?.DeepClone().AsObject() ?? new JsonObject();
        copy[CellProvenance.Key] = provenance.DeepClone();
        return copy;
    }

    /// <summary>Answers an execute_request that is skipped because an earlier cell failed.</summary>
    public void Abort(JupyterMessage request) =>
        publisher.Reply(KernelChannel.Shell, request, "execute_reply", new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount });

    private static string Text(JsonObject content, string key) =>
        content[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static bool Flag(JsonObject content, string key, bool fallback) =>
        content[key] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;
}
