using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LatentWorkbench.Data;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb data fetch|inspect</c>: get datasets into the cache and look inside data files.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Fetch datasets into the cache and inspect data files");
        command.Subcommands.Add(CreateFetch());
        command.Subcommands.Add(CreateInspect());
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateFetch()
    {
        var name = new Argument<string>("name") { Description = $"Dataset: mnist, fashion-mnist, cifar10 or yinyang; or {PlotlyJsBundle.CacheFolderName} (the figure library)" };
        var dir = new Option<string?>("--dir") { Description = "Cache root to use instead of $LWB_DATA_DIR / the repository's data/ folder" };
        var fetch = new Command("fetch", "Find, verify and cache a dataset; print where it came from and the split sizes");
        fetch.Arguments.Add(name);
        fetch.Options.Add(dir);
        fetch.SetAction(parse => CliErrors.Run(() => Fetch(parse.GetValue(name)!, parse.GetValue(dir))));
        return fetch;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<string>("file") { Description = "An IDX file (raw or gzip) or a CIFAR-10 binary batch" };
        var inspect = new Command("inspect", "Print a data file's format, magic, dimensions, count and label histogram");
        inspect.Arguments.Add(file);
        inspect.SetAction(parse => CliErrors.Run(() => Inspect(parse.GetValue(file)!)));
        return inspect;
    }

    private static Command CreateList()
    {
        var list = new Command("list", "List the known datasets and the cache folder");
        list.SetAction(_ => CliErrors.Run(() =>
        {
            var options = DatasetCatalogOptions.FromEnvironment();
            Console.WriteLine($"cache root: {options.CacheRoot}");
            Console.WriteLine($"{DataDirectories.DatasetsDirVariable}: {options.DatasetsDir ?? "(not set)"}");
            foreach (var spec in options.Specs) Console.WriteLine($"  {spec.Name,-14} {spec.Description}");
        }));
        return list;
    }

    private static void Fetch(string name, string? dir)
    {
        if (name == PlotlyJsBundle.CacheFolderName)
        {
            FetchPlotly(dir);
            return;
        }
        var options = DatasetCatalogOptions.FromEnvironment();
        if (dir is not null) options = options with { CacheRoot = Path.GetFullPath(dir) };
        options = options with { Log = line => Console.Error.WriteLine($"  {line}") };
        var catalog = new DatasetCatalog(options);
        var spec = catalog.Get(name);
        var clock = Stopwatch.StartNew();
        var result = catalog.Fetch(name);
        Console.WriteLine($"{name}: {spec.Description}");
        Console.WriteLine($"  source: {result.Source}");
        if (result.Directory.Length > 0) Console.WriteLine($"  cached in: {result.Directory}");
        foreach (var (file, path) in result.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            Console.WriteLine($"    {file,-26} {Path.GetFileName(path)} ({new FileInfo(path).Length:N0} bytes)");
        foreach (string split in spec.SplitCounts.Keys)
        {
            var data = catalog.Load(name, split);
            Console.WriteLine($"  {split,-5} {data.Count,6} samples of [{string.Join(", ", data.SampleShape)}]  per class: {string.Join(" ", Histogram(data.Labels, data.ClassNames.Count))}");
        }
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:0.0} s)");
    }

    /// <summary>plotly.js-dist-min into the cache, so notebooks and reports inline it with no network later.</summary>
    private static void FetchPlotly(string? dir)
    {
        var root = dir is null ? DataDirectories.CacheRoot() : Path.GetFullPath(dir);
        var path = PlotlyJsBundle.Fetch(root, [Directory.GetCurrentDirectory(), AppContext.BaseDirectory], new HttpFileDownloader(), out var problems)
            ?? throw new InvalidOperationException($"plotly.js-dist-min {PlotlyJs.Version} could not be had: {string.Join("; ", problems)}");
        Console.WriteLine($"{PlotlyJsBundle.CacheFolderName}: plotly.js-dist-min {PlotlyJs.Version}, SHA-256 {PlotlyJsBundle.BundleSha256}");
        Console.WriteLine($"  at: {path} ({new FileInfo(path).Length:N0} bytes)");
    }

    private static void Inspect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}", path);
        bool gzip = DataStreams.IsGzip(path);
        Console.WriteLine($"file:        {Path.GetFullPath(path)}");
        Console.WriteLine($"size:        {new FileInfo(path).Length:N0} bytes{(gzip ? " (gzip-compressed)" : "")}");
        if (LooksLikeIdx(path))
        {
            var array = IdxReader.Read(path);
            Console.WriteLine("format:      IDX");
            Console.WriteLine($"magic:       0x{array.Magic:X8} ({array.Type}, {array.Dimensions.Length} dimensions){MagicNote(array.Magic)}");
            Console.WriteLine($"dimensions:  [{string.Join(", ", array.Dimensions)}]");
            Console.WriteLine($"count:       {array.Count}");
            if (array.Magic == IdxReader.LabelsMagic)
                PrintHistogram(array.Payload.Select(b => (int)b).ToArray());
            else if (array.Type == IdxDataType.UByte && array.Payload.Length > 0)
            {
                double mean = 0;
                foreach (byte b in array.Payload) mean += b;
                Console.WriteLine($"values:      min {array.Payload.Min()}, max {array.Payload.Max()}, mean {(mean / array.Payload.Length).ToString("0.###", CultureInfo.InvariantCulture)}");
            }
            return;
        }
        var batch = CifarReader.ReadBatch(path);
        Console.WriteLine("format:      CIFAR-10 binary batch (1 label byte + 3072 pixel bytes per record)");
        Console.WriteLine($"dimensions:  [{batch.Labels.Length}, 3, 32, 32]");
        Console.WriteLine($"count:       {batch.Labels.Length}");
        PrintHistogram(batch.Labels);
    }

    private static bool LooksLikeIdx(string path)
    {
        using var stream = DataStreams.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        int n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        return n == 4 && head[0] == 0 && head[1] == 0 && IdxDataTypes.ElementSize((IdxDataType)head[2]) != 0;
    }

    private static string MagicNote(int magic) => magic switch
    {
        IdxReader.ImagesMagic => " = images",
        IdxReader.LabelsMagic => " = labels",
        _ => "",
    };

    private static void PrintHistogram(int[] labels)
    {
        int classes = labels.Length == 0 ? 0 : labels.Max() + 1;
        var counts = Histogram(labels, classes);
        Console.WriteLine("labels:");
        for (int c = 0; c < classes; c++)
            Console.WriteLine($"  {c,3}: {counts[c],7}  {new string('#', labels.Length == 0 ? 0 : (int)Math.Round(40.0 * counts[c] / labels.Length))}");
    }

    private static int[] Histogram(int[] labels, int classes)
    {
        var counts = new int[classes];
        foreach (int l in labels) counts[l]++;
        return counts;
    }
}
