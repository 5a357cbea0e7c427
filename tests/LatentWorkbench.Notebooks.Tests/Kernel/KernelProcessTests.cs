using System.Text;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Kernel;
using Xunit.Abstractions;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>One kernel process shared by the tests of <see cref="KernelProcessTests"/>.</summary>
public sealed class KernelProcessFixture : IDisposable
{
    internal KernelProcess Kernel { get; } = new();

    internal JupyterTestClient Client { get; }

    public KernelProcessFixture()
    {
        Client = new JupyterTestClient(Kernel.Connection);
        var info = Client.Send(KernelChannel.Shell, "kernel_info_request", new JsonObject());
        if (Client.Reply(KernelChannel.Shell, info, KernelProcessTests.Patience) is null)
            throw new InvalidOperationException($"kernel did not answer kernel_info_request; stderr:\n{Kernel.StandardError}");
        Client.WaitForIOPubConnection(KernelProcessTests.Patience);
    }

    public void Dispose()
    {
        var shutdown = Client.Send(KernelChannel.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        Client.Reply(KernelChannel.Control, shutdown, TimeSpan.FromSeconds(30));
        Kernel.Process.WaitForExit(30_000);
        Client.Dispose();
        Kernel.Dispose();
    }
}

/// <summary>The kernel as a child process, driven by a ZeroMQ client built on the same binding.</summary>
public class KernelProcessTests(KernelProcessFixture fixture) : IClassFixture<KernelProcessFixture>
{
    /// <summary>Generous: the machine is shared and the first compilation loads Roslyn.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private JupyterTestClient Client => fixture.Client;

    private (JupyterMessage Reply, List<JupyterMessage> IOPub) Execute(string code, bool silent = false, bool storeHistory = true) =>
        Client.Execute(code, Patience, silent, storeHistory);

    private static string State(JupyterMessage m) => m.Content["execution_state"]!.GetValue<string>();

    [Fact]
    public void Execute_publishes_input_streams_results_and_keeps_state()
    {
        var (first, firstIO) = Execute("var total = 40;\nConsole.Write(\"part one \");\nConsole.WriteLine(\"done\");");
        Assert.Equal("ok", first.Content["status"]!.GetValue<string>());
        var count = first.Content["execution_count"]!.GetValue<int>();
        Assert.Equal(["status", "execute_input"], firstIO.Take(2).Select(m => m.MessageType));
        Assert.Equal("busy", State(firstIO[0]));
        Assert.Equal("idle", State(firstIO[^1]));
        Assert.Equal(count, firstIO[1].Content["execution_count"]!.GetValue<int>());
        var stdout = string.Concat(firstIO.Where(m => m.MessageType == "stream").Select(m => m.Content["text"]!.GetValue<string>()));
        Assert.Equal("part one done\n", stdout);

        var (second, secondIO) = Execute("total + 2");
        Assert.Equal(count + 1, second.Content["execution_count"]!.GetValue<int>());
        var result = Assert.Single(secondIO, m => m.MessageType == "execute_result");
        Assert.Equal("42", result.Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(count + 1, result.Content["execution_count"]!.GetValue<int>());

        var (_, displayIO) = Execute("display(new { Name = \"x\", Value = 3 });");
        var display = Assert.Single(displayIO, m => m.MessageType == "display_data");
        Assert.Contains("Value = 3", display.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Errors_reply_with_status_error_and_publish_the_traceback()
    {
        var (reply, io) = Execute("int Divide(int a, int b) => a / b;\nDivide(1, 0)");
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("System.DivideByZeroException", reply.Content["ename"]!.GetValue<string>());
        var error = Assert.Single(io, m => m.MessageType == "error");
        Assert.Equal("System.DivideByZeroException", error.Content["ename"]!.GetValue<string>());
        Assert.NotEmpty(error.Content["traceback"]!.AsArray());

        var (compile, _) = Execute("int x = \"not a number\";");
        Assert.Equal("CompilationError", compile.Content["ename"]!.GetValue<string>());
    }

    [Fact]
    public void Silent_and_unstored_executions_do_not_advance_the_counter_or_broadcast()
    {
        var (before, _) = Execute("1");
        var count = before.Content["execution_count"]!.GetValue<int>();
        var (silent, silentIO) = Execute("var hidden = 5; Console.WriteLine(\"invisible\"); hidden", silent: true);
        Assert.Equal("ok", silent.Content["status"]!.GetValue<string>());
        Assert.Equal(count, silent.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(["status", "status"], silentIO.Select(m => m.MessageType));
        var (unstored, _) = Execute("hidden * 2", storeHistory: false);
        Assert.Equal(count, unstored.Content["execution_count"]!.GetValue<int>());
        var (after, afterIO) = Execute("hidden * 3");
        Assert.Equal(count + 1, after.Content["execution_count"]!.GetValue<int>());
        Assert.Equal("15", Assert.Single(afterIO, m => m.MessageType == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Completion_is_complete_inspect_and_the_empty_replies()
    {
        var code = "var words = new List<string>();\nwords.Ad";
        var complete = Client.Send(KernelChannel.Shell, "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
        var completeReply = Client.Reply(KernelChannel.Shell, complete, Patience)!;
        var matches = completeReply.Content["matches"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Contains("Add", matches);
        Assert.Contains("AddRange", matches);
        Assert.Equal(code.Length - 2, completeReply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(code.Length, completeReply.Content["cursor_end"]!.GetValue<int>());

        string IsComplete(string text)
        {
            var request = Client.Send(KernelChannel.Shell, "is_complete_request", new JsonObject { ["code"] = text });
            return Client.Reply(KernelChannel.Shell, request, Patience)!.Content["status"]!.GetValue<string>();
        }
        Assert.Equal("incomplete", IsComplete("for (int i = 0; i < 3; i++) {"));
        Assert.Equal("complete", IsComplete("var y = 1;"));

        var types = completeReply.Content["metadata"]!["_jupyter_types_experimental"]!.AsArray();
        var add = Assert.Single(types, t => t!["text"]!.GetValue<string>() == "Add")!;
        Assert.Equal("function", add["type"]!.GetValue<string>());
        Assert.Equal(code.Length - 2, add["start"]!.GetValue<int>());
        Assert.Contains("Add(", add["signature"]!.GetValue<string>());

        JsonObject Inspect(string text, int cursor)
        {
            var request = Client.Send(KernelChannel.Shell, "inspect_request", new JsonObject { ["code"] = text, ["cursor_pos"] = cursor, ["detail_level"] = 0 });
            return Client.Reply(KernelChannel.Shell, request, Patience)!.Content;
        }
        var abs = Inspect("Math.Abs(-2)", 7);
        Assert.True(abs["found"]!.GetValue<bool>());
        Assert.Contains("Math.Abs(", abs["data"]!["text/plain"]!.GetValue<string>());
        Assert.Contains("absolute value", abs["data"]!["text/plain"]!.GetValue<string>());
        Assert.False(Inspect("  ", 1)["found"]!.GetValue<bool>());
        var comms = Client.Send(KernelChannel.Shell, "comm_info_request", new JsonObject());
        Assert.Empty(Client.Reply(KernelChannel.Shell, comms, Patience)!.Content["comms"]!.AsObject());
        var history = Client.Send(KernelChannel.Shell, "history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10 });
        Assert.Empty(Client.Reply(KernelChannel.Shell, history, Patience)!.Content["history"]!.AsArray());
    }

    [Fact]
    public void Console_ReadLine_asks_the_front_end_through_input_request()
    {
        string? prompt = null;
        var (reply, io) = Client.Execute("Console.Write(\"k? \"); var answer = Console.ReadLine(); Console.WriteLine($\"got {answer}\");", Patience,
            answerInput: ask => { prompt = ask.MessageType; return "16"; });
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("input_request", prompt);
        var stdout = string.Concat(io.Where(m => m.MessageType == "stream").Select(m => m.Content["text"]!.GetValue<string>()));
        Assert.Equal("k? got 16\n", stdout);

        var (refused, _) = Execute("Console.ReadLine()");
        Assert.Equal("error", refused.Content["status"]!.GetValue<string>());
        Assert.Contains("allow_stdin is false", refused.Content["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void Badly_signed_messages_are_dropped_and_logged()
    {
        var forged = JupyterMessage.Create("execute_request", new JsonObject { ["code"] = "Console.WriteLine(\"forged\");" }, Client.Session);
        var frames = WireFormat.Encode(forged, new MessageSigner("wrong-key"));
        Client.SendRawShell(frames);
        Assert.Null(Client.Reply(KernelChannel.Shell, forged, TimeSpan.FromSeconds(3)));
        Assert.Contains("signature", fixture.Kernel.StandardError);

        var (reply, _) = Execute("\"still fine\"");
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Heartbeat_echoes()
    {
        Assert.True(Client.Ping(Patience));
    }
}

/// <summary>Start-up to first result, and shutdown, each with a kernel of its own.</summary>
public class KernelLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public void Kernel_info_then_first_result_then_shutdown_exits_cleanly()
    {
        using var kernel = new KernelProcess();
        using var client = new JupyterTestClient(kernel.Connection);
        var info = client.Send(KernelChannel.Shell, "kernel_info_request", new JsonObject());
        var infoReply = client.Reply(KernelChannel.Shell, info, KernelProcessTests.Patience);
        Assert.True(infoReply is not null, $"no kernel_info_reply; stderr:\n{kernel.StandardError}");
        var toInfo = kernel.Started.Elapsed;
        var content = infoReply.Content;
        Assert.Equal("5.3", content["protocol_version"]!.GetValue<string>());
        Assert.Equal("latentworkbench", content["implementation"]!.GetValue<string>());
        var language = content["language_info"]!.AsObject();
        Assert.Equal("C#", language["name"]!.GetValue<string>());
        Assert.Equal("text/x-csharp", language["mimetype"]!.GetValue<string>());
        Assert.Equal(".cs", language["file_extension"]!.GetValue<string>());
        Assert.Equal("csharp", language["pygments_lexer"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(content["banner"]!.GetValue<string>()));

        client.WaitForIOPubConnection(KernelProcessTests.Patience);
        var execute = client.Send(KernelChannel.Shell, "execute_request", new JsonObject { ["code"] = "1+1", ["silent"] = false, ["store_history"] = true });
        var io = client.IOPubUntilIdle(execute, KernelProcessTests.Patience);
        var toResult = kernel.Started.Elapsed;
        kernel.Process.Refresh();
        var cpu = kernel.Process.TotalProcessorTime;
        Assert.Equal("2", Assert.Single(io, m => m.MessageType == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal(1, client.Reply(KernelChannel.Shell, execute, KernelProcessTests.Patience)!.Content["execution_count"]!.GetValue<int>());
        // Reported, not asserted: timings depend on the machine.
        output.WriteLine($"process start -> kernel_info_reply: {toInfo.TotalSeconds:0.000} s; -> first result of 1+1: {toResult.TotalSeconds:0.000} s " +
                         $"(kernel CPU time so far {cpu.TotalSeconds:0.000} s, machine load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a")})");

        var shutdown = client.Send(KernelChannel.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        var shutdownReply = client.Reply(KernelChannel.Control, shutdown, KernelProcessTests.Patience);
        Assert.NotNull(shutdownReply);
        Assert.Equal("ok", shutdownReply.Content["status"]!.GetValue<string>());
        Assert.True(kernel.Process.WaitForExit(60_000), "kernel did not exit after shutdown_request");
        Assert.Equal(0, kernel.Process.ExitCode);
    }

    [Fact]
    public void Interrupt_stops_an_endless_cell_and_the_kernel_stays_usable()
    {
        // A kernel of its own: the abandoned loop keeps spinning on a pool thread until the process exits.
        using var kernel = new KernelProcess();
        using var client = new JupyterTestClient(kernel.Connection);
        client.WaitForIOPubConnection(KernelProcessTests.Patience); // else execute_input below can be published before IOPub is subscribed
        var request = client.Send(KernelChannel.Shell, "execute_request", new JsonObject
        {
            ["code"] = "long spins = 0;\nwhile (true) { spins++; }", ["silent"] = false, ["store_history"] = true,
        });
        // execute_input is published once the request is interruptible; give the loop a moment to really spin.
        client.WaitForIOPub(request, "execute_input", KernelProcessTests.Patience);
        Assert.Null(client.Reply(KernelChannel.Shell, request, TimeSpan.FromSeconds(2)));

        var interrupt = client.Send(KernelChannel.Control, "interrupt_request", new JsonObject());
        var interruptReply = client.Reply(KernelChannel.Control, interrupt, KernelProcessTests.Patience);
        Assert.NotNull(interruptReply);
        Assert.Equal("ok", interruptReply.Content["status"]!.GetValue<string>());

        var reply = client.Reply(KernelChannel.Shell, request, KernelProcessTests.Patience);
        Assert.NotNull(reply);
        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("Interrupted", reply.Content["ename"]!.GetValue<string>());
        var io = client.IOPubUntilIdle(request, KernelProcessTests.Patience);
        Assert.Contains(io, m => m.MessageType == "error");

        var (after, afterIO) = client.Execute("6 * 7", KernelProcessTests.Patience);
        Assert.Equal("ok", after.Content["status"]!.GetValue<string>());
        Assert.Equal("42", Assert.Single(afterIO, m => m.MessageType == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
        Assert.True(client.Ping(KernelProcessTests.Patience));
    }
}
