using Microsoft.AspNetCore.Http;

namespace Sweep.Dashboard.Endpoints;

/// <summary>The page script and style, served from the assembly's embedded <c>wwwroot</c> (no folder to deploy beside it).</summary>
public static class StaticAssets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
    };

    public static IResult Get(string file)
    {
        if (!Types.TryGetValue(file, out var type)) return Results.NotFound();
        var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream($"wwwroot/{file}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
