namespace LatentWorkbench.Data;

/// <summary>
/// Plain HTTP(S) downloads that give up quickly: the connection and the response headers must arrive within
/// <see cref="Timeout"/>, and the body may not stall for longer than that between reads.
/// </summary>
public sealed class HttpFileDownloader(TimeSpan? timeout = null) : IFileDownloader
{
    /// <summary>The connect / first-byte / stall limit (20 s by default).</summary>
    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(20);

    /// <inheritdoc/>
    public void Download(Uri url, string destination) =>
        // Task.Run keeps a caller's synchronization context (e.g. a notebook kernel) out of the awaits.
        Task.Run(() => DownloadAsync(url, destination)).GetAwaiter().GetResult();

    private async Task DownloadAsync(Uri url, string destination)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = Timeout, AutomaticDecompression = System.Net.DecompressionMethods.None };
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LatentWorkbench/1.0");
        using var headers = new CancellationTokenSource(Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, headers.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no response from {url} within {Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            var buffer = new byte[1 << 16];
            while (true)
            {
                using var stall = new CancellationTokenSource(Timeout);
                int read;
                try { read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { throw new TimeoutException($"download of {url} stalled for {Timeout.TotalSeconds:0} s"); }
                if (read == 0) break;
                await file.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
    }
}
