using System.Globalization;
using System.Text.Encodings.Web;

namespace Sweep.Dashboard.Pages;

/// <summary>
/// The few pieces every page is built from. Every text that comes from a sweep (experiment, task, preset and trial names,
/// errors, verdict texts) goes through <see cref="E"/>, and every path segment through <see cref="U"/>, so a name such as
/// <c>&lt;script&gt;</c> shows as text and never becomes markup.
/// </summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string U(string segment) => Uri.EscapeDataString(segment);

    public static string ExperimentPath(string id) => $"/experiments/{U(id)}";

    public static string N(double value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes <= 0 ? "—"
        : bytes >= 1L << 30 ? N(bytes / (double)(1L << 30), "0.0") + " GiB"
        : N(bytes / (double)(1L << 20), "0") + " MiB";

    public static string Page(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} · Sweep</title>
        <link rel="stylesheet" href="/static/dashboard.css">
        </head>
        <body>
        <nav><strong>Sweep</strong> <a href="/">Experiments</a> <a href="/cluster">Cluster</a> <a href="/orleans/">Orleans</a></nav>
        <main>
        {{body}}
        </main>
        <script src="/static/dashboard.js"></script>
        </body>
        </html>
        """;
}
