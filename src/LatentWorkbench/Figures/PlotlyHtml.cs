using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// HTML around plotly figure JSON: the library element a notebook shows once per session, the per-figure
/// notebook fragment, and a standalone document.
/// </summary>
internal static class PlotlyHtml
{
    /// <summary>
    /// How long a fragment waits for window.Plotly before it shows its error message (it still draws if the library
    /// comes later); a page may set window.lwbPlotlyWaitMs to change it.
    /// </summary>
    public const int WaitMilliseconds = 20_000;

    /// <summary>Attribute on the library element (<see cref="PlotlyJs.LibraryMarker"/>).</summary>
    public const string LibraryMarker = PlotlyJs.LibraryMarker;

    private static int _sequence;

    /// <summary>The plotly.js config every figure is drawn with (also in the figure's MIME JSON).</summary>
    public static JsonObject Config() => new() { ["responsive"] = true, ["displaylogo"] = false };

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

    // "</script" inside a script element would end it early; "<\/script" means the same to JavaScript.
    private static string EscapeScript(string code) => code.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A script element that defines window.Plotly from the inlined <paramref name="bundle"/> unless the page already
    /// has it. The bundle runs inside a function whose local define/module/exports/require are undefined, so a UMD
    /// bundle takes its global branch even on pages with require.js (classic Notebook, nbconvert HTML); plotly.py's
    /// offline mode hides AMD the same way. A failure to evaluate shows a visible message instead of nothing.
    /// </summary>
    public static string Library(string bundle, string version) => $$"""
        <div {{LibraryMarker}}="{{WebUtility.HtmlEncode(version)}}" class="lwb-plotlyjs" style="display:none"></div>
        <script type="text/javascript">
        (function () {
          var marker = document.currentScript && document.currentScript.previousElementSibling;
          function ready() {
            window.lwbPlotlyReady = true;
            try { window.dispatchEvent(new Event("lwb-plotly-ready")); } catch (e) { /* very old browsers: figures poll */ }
          }
          if (window.Plotly && typeof window.Plotly.newPlot === "function") { ready(); return; }
          try {
            (function (define, module, exports, require) {
        {{EscapeScript(bundle)}}
            }).call(window);
            if (!window.Plotly || typeof window.Plotly.newPlot !== "function") throw new Error("the bundle did not define window.Plotly");
            ready();
          } catch (e) {
            if (marker) {
              marker.style.display = "block";
              marker.style.color = "#8a1c1c";
              marker.textContent = "plotly.js {{WebUtility.HtmlEncode(version)}} failed to load, so figures cannot be drawn: " + e;
            }
            console.error("plotly.js failed to load", e);
          }
        })();
        </script>
        """;

    /// <summary>
    /// The library element for when no local bundle could be had: a visible warning, and a script tag for the CDN
    /// (with AMD hidden while it runs) as the last resort; figures show their own message if that fails too.
    /// </summary>
    public static string CdnLibrary(string reason) => $$"""
        <div {{LibraryMarker}}="cdn" class="lwb-plotlyjs" style="color:#8a5a00">plotly.js is not available locally ({{WebUtility.HtmlEncode(reason)}}); loading it from {{PlotlyJs.CdnUrl}}, which needs network access. Run <code>lwb data fetch plotly.js</code> or <code>npm install</code> in the repository to draw offline.</div>
        <script type="text/javascript">
        (function () {
          if (window.Plotly && typeof window.Plotly.newPlot === "function") return;
          var savedDefine = window.define;
          window.define = undefined;
          var s = document.createElement("script");
          s.src = "{{PlotlyJs.CdnUrl}}";
          s.charset = "utf-8";
          s.onload = s.onerror = function () {
            window.define = savedDefine;
            if (window.Plotly) { window.lwbPlotlyReady = true; window.dispatchEvent(new Event("lwb-plotly-ready")); }
          };
          document.head.appendChild(s);
        })();
        </script>
        """;

    /// <summary>
    /// div + script for notebook outputs. The div first holds a static fallback (<paramref name="staticHtml"/>, e.g. a
    /// PNG, else a short note) so renderers that run no JavaScript show something; the script waits for window.Plotly
    /// (put on the page once by <see cref="Library"/>), replaces the fallback with the drawing, and when the library
    /// never comes shows a visible message, still drawing if it arrives later.
    /// </summary>
    public static string Fragment(Figure figure, string divId, string? staticHtml = null)
    {
        var json = figure.ToJsonNode();
        json["config"] = Config();
        var fallback = staticHtml
            ?? "<div class=\"lwb-plotly-static\" style=\"color:#666;font-size:0.9em;padding:0.5em 0\">Interactive plotly.js figure: it is drawn where this output's JavaScript runs.</div>";
        return $$"""
            <div id="{{divId}}" class="plotly-graph-div" style="{{Style(figure, "")}}">{{fallback}}</div>
            <script type="text/javascript">
            (function () {
              var figure = {{json.ToJsonString(PlotlyJson.Compact)}};
              var gd = document.getElementById("{{divId}}");
              if (!gd) return;
              var drawn = false, started = Date.now();
              function message(text) {
                var old = gd.querySelector(".lwb-plotly-error");
                if (old) old.remove();
                var m = document.createElement("div");
                m.className = "lwb-plotly-error";
                m.style.cssText = "color:#8a1c1c;background:#fdecea;padding:0.5em;margin:0.2em 0;font-size:0.9em";
                m.textContent = text;
                gd.insertBefore(m, gd.firstChild);
                gd.setAttribute("data-lwb-rendered", "error");
              }
              function draw() {
                if (drawn) return;
                var P = window.Plotly;
                if (!P || typeof P.newPlot !== "function") return false;
                drawn = true;
                gd.innerHTML = "";
                Promise.resolve(P.newPlot(gd, figure.data, figure.layout, figure.config)).then(
                  function () { gd.setAttribute("data-lwb-rendered", "true"); },
                  function (e) { message("plotly.js could not draw this figure: " + e); });
                return true;
              }
              function poll() {
                if (draw() !== false) return;
                if (Date.now() - started < (window.lwbPlotlyWaitMs || {{WaitMilliseconds}})) { setTimeout(poll, 100); return; }
                message("This figure cannot be drawn: plotly.js is not loaded on this page. The workbench kernel puts it into the output " +
                  "before the first figure of a session; run the notebook's cells again (or open the executed notebook trusted).");
                window.addEventListener("lwb-plotly-ready", draw);
              }
              poll();
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
                $"run `lwb data fetch plotly.js` (cached under data/{PlotlyJsBundle.CacheFolderName}/), " +
                $"or run `npm install plotly.js-dist-min@{PlotlyJs.Version}` in the repository root so {PlotlyJs.BundleRelativePath} exists.");
        if (source == PlotlyJsSource.Auto && bundle is null)
            Console.Error.WriteLine($"warning: no local plotly.js bundle found; the page references {PlotlyJs.CdnUrl} and needs network access to draw.");
        var plotlyTag = bundle is null
            ? $"<script src=\"{PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>"
            : "<script type=\"text/javascript\">" + EscapeScript(File.ReadAllText(bundle)) + "</script>";
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
              if (!window.Plotly) {
                gd.textContent = "plotly.js did not load, so this figure cannot be drawn (offline, and the page references the CDN).";
                gd.setAttribute("data-lwb-rendered", "error");
                return;
              }
              Plotly.newPlot(gd, figure.data, figure.layout, {{Config().ToJsonString(PlotlyJson.Compact)}})
                .then(function () { gd.setAttribute("data-lwb-rendered", "true"); })
                .catch(function (e) { gd.setAttribute("data-lwb-rendered", "error"); console.error(e); });
            })();
            </script>
            </body>
            </html>
            """;
    }
}
