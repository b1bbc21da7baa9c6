using Microsoft.AspNetCore.Http;
using Sweep.Analysis;
using Sweep.Dashboard.Reports;

namespace Sweep.Dashboard.Endpoints;

/// <summary>Downloads of a finished sweep's contract files; only those names, only inside its results directory.</summary>
public static class ResultFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["results.json"] = "application/json",
        ["trials.csv"] = "text/csv",
        [ReportWriter.SummaryFile] = "text/markdown; charset=utf-8",
        [ReportWriter.SignificanceFile] = "text/csv",
    };

    public static IResult Get(FinishedResults? results, string file)
    {
        if (results is null) return Results.NotFound("the sweep has not finished (or does not exist): no results yet");
        var figure = file.StartsWith(ReportWriter.FiguresDirectory + "/", StringComparison.Ordinal) && file.EndsWith(".png", StringComparison.Ordinal)
            && file.IndexOf('/', ReportWriter.FiguresDirectory.Length + 1) < 0;
        if (!figure && !Types.ContainsKey(file)) return Results.NotFound($"no result file '{file}'");
        var root = Path.GetFullPath(results.Directory) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, file));
        if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path)) return Results.NotFound($"no result file '{file}'");
        return figure
            ? Results.File(path, "image/png")
            : Results.File(path, Types[file], fileDownloadName: file);
    }
}
