using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LatentWorkbench.Figures;

/// <summary>HTML around plotly figure JSON: a notebook fragment and a standalone document.</summary>
internal static class PlotlyHtml
{
    private const string Config = "{\"responsive\": true, \"displaylogo\": false}";
    private static int _sequence;

    /// <summary>Content hash plus a per-process sequence: stable across runs, unique when a figure is shown twice.</summary>
    public static string NewDivId(Figure figure)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(figure.ToJson())))[..12];
        return $"lwb-plot-{hash}-{Interlocked.Increment(ref _sequence)}";
    }

    private static string Style(Figure f, string defaultHeight)
    {
        var w = f.Width is { } width ? $"{width}px" : "100%";
        var h = f.Height is { } height ? $"{height}px" : defaultHeight;
        return h.Length == 0 ? $"width:{w};" : $"width:{w};height:{h};";
    }

    /// <summary>
    /// div + script for notebook outputs. Uses window.Plotly when the page has it; otherwise loads
    /// plotly.js from the CDN through require.js (classic Jupyter) or a script tag, once per page.
    /// </summary>
    public static string Fragment(Figure figure, string divId)
    {
        var cdnModule = PlotlyJs.CdnUrl[..^".js".Length];
        return $$"""
            <div id="{{divId}}" class="plotly-graph-div" style="{{Style(figure, "")}}"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure.ToJson()}};
              function draw(Plotly) { Plotly.newPlot("{{divId}}", figure.data, figure.layout, {{Config}}); }
              if (window.Plotly) { draw(window.Plotly); return; }
              if (!window.lwbPlotlyLoading) {
                window.lwbPlotlyLoading = new Promise(function (resolve, reject) {
                  if (typeof window.requirejs === "function") {
                    window.requirejs.config({ paths: { plotly: "{{cdnModule}}" } });
                    window.requirejs(["plotly"], function (P) { window.Plotly = P; resolve(P); }, reject);
                  } else {
                    var s = document.createElement("script");
                    s.src = "{{PlotlyJs.CdnUrl}}";
                    s.charset = "utf-8";
                    s.onload = function () { resolve(window.Plotly); };
                    s.onerror = reject;
                    document.head.appendChild(s);
                  }
                });
              }
              window.lwbPlotlyLoading.then(draw, function (e) { console.error("plotly.js could not be loaded", e); });
            })();
            </script>
            """;
    }

    /// <summary>A standalone page; <paramref name="findBundle"/> locates plotly.min.js for inlining.</summary>
    public static string Document(Figure figure, PlotlyJsSource source, Func<string?> findBundle)
    {
        var bundle = source == PlotlyJsSource.Cdn ? null : findBundle();
        if (source == PlotlyJsSource.Inline && bundle is null)
            throw new FileNotFoundException(
                $"Inline plotly.js was requested but no bundle was found: set {PlotlyJs.EnvironmentVariable} to plotly.min.js, " +
                $"or run `npm install plotly.js-dist-min@4.1.2` in the repository root so {PlotlyJs.BundleRelativePath} exists.");
        // A literal "</script" inside the bundle would end the tag early; "<\/script" means the same to JavaScript.
        var plotlyTag = bundle is null
            ? $"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>"
            : "<script type=\"text/javascript\">" + File.ReadAllText(bundle).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase) + "</script>";
        const string id = "lwb-figure";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(figure.Title ?? "Figure")}}</title>
            <style>html, body { margin: 0; padding: 0; }</style>
            {{plotlyTag}}
            </head>
            <body>
            <div id="{{id}}" class="plotly-graph-div" style="{{Style(figure, "100vh")}}"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{figure.ToJson()}};
              var gd = document.getElementById("{{id}}");
              Plotly.newPlot(gd, figure.data, figure.layout, {{Config}})
                .then(function () { gd.setAttribute("data-lwb-rendered", "true"); })
                .catch(function (e) { gd.setAttribute("data-lwb-rendered", "error"); console.error(e); });
            })();
            </script>
            </body>
            </html>
            """;
    }
}
