using LatentWorkbench.Notebooks.Scripting;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LatentWorkbench.Notebooks.Kernel;

/// <summary>
/// Makes the first cell fast. Roslyn ships as IL, so its first compilation is mostly JIT time. The session's own
/// warm-up compiles an empty submission (loading references); a throwaway script with an expression, a local and
/// a method call runs alongside it so the binder and emitter paths a typical first cell needs are compiled too.
/// </summary>
internal static class RoslynWarmUp
{
    /// <summary>Runs both warm-ups; never faults (a failure only costs speed, and is logged).</summary>
    public static async Task RunAsync(ScriptSession session, TextWriter log)
    {
        try
        {
            await Task.WhenAll(
                Task.Run(() => session.WarmUpAsync()),
                Task.Run(async () =>
                {
                    var script = CSharpScript.Create<object>("var w = 1 + 1;\nw.ToString() + System.Math.Sqrt(w)", ScriptOptions.Default);
                    await script.RunAsync().ConfigureAwait(false);
                })).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.WriteLine($"[kernel] warm-up failed (the first cell will be slower): {e.Message}");
        }
    }
}
