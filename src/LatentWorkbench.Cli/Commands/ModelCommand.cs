using System.CommandLine;
using System.Globalization;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb model ...</c>: working with saved model files.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var model = new Command("model", "Work with saved model files (safetensors)");
        model.Subcommands.Add(CreateInspect());
        return model;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .safetensors file" };
        var inspect = new Command("inspect", "List the tensors (name, dtype, shape, elements), total parameters and metadata of a safetensors file");
        inspect.Arguments.Add(file);
        inspect.SetAction(parseResult => Inspect(
            parseResult.GetValue(file)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return inspect;
    }

    /// <summary>Prints the header of <paramref name="file"/>; returns 1 with a one-line error for a missing or malformed file.</summary>
    internal static int Inspect(FileInfo file, TextWriter output, TextWriter error)
    {
        SafeTensorsHeader header;
        try
        {
            // Only the header is read, so inspecting a multi-gigabyte checkpoint is instant.
            header = SafeTensors.ReadHeader(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"file: {file.FullName} ({file.Length.ToString("N0", inv)} bytes)");
        if (header.Metadata.Count > 0)
        {
            output.WriteLine("metadata:");
            foreach (var (key, value) in header.Metadata) output.WriteLine($"  {key} = {value}");
        }

        var rows = header.Entries
            .Select(e => (e.Name, DType: e.DType.ToString(), Shape: "[" + string.Join(", ", e.Shape) + "]", Count: e.ElementCount.ToString("N0", inv)))
            .ToList();
        int nameWidth = Math.Max(4, rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length));
        int shapeWidth = Math.Max(5, rows.Count == 0 ? 0 : rows.Max(r => r.Shape.Length));
        output.WriteLine($"tensors: {rows.Count}");
        output.WriteLine($"  {"name".PadRight(nameWidth)}  {"dtype",-7}  {"shape".PadRight(shapeWidth)}  elements");
        foreach (var r in rows)
            output.WriteLine($"  {r.Name.PadRight(nameWidth)}  {r.DType,-7}  {r.Shape.PadRight(shapeWidth)}  {r.Count,8}");
        output.WriteLine($"total parameters (all tensors, buffers included): {header.TotalElements.ToString("N0", inv)}");
        return 0;
    }
}
