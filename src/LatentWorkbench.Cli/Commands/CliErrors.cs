using LatentWorkbench.Data;

namespace LatentWorkbench.Cli.Commands;

/// <summary>Runs a command body so that expected failures print one clear line and exit 1, without a stack trace.</summary>
internal static class CliErrors
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException
                                      or DatasetUnavailableException or UnauthorizedAccessException)
        {
            // ArgumentException appends " (Parameter 'x')"; the message already names the argument.
            string message = e is ArgumentException { ParamName: { } param } ? e.Message.Replace($" (Parameter '{param}')", "") : e.Message;
            Console.Error.WriteLine($"error: {message}");
            return 1;
        }
    }

    public static int Run(Action body) => Run(() => { body(); return 0; });
}
