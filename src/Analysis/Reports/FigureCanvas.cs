using ScottPlot;
using SkiaSharp;

namespace Sweep.Analysis.Reports;

/// <summary>
/// Composes ScottPlot panels into one PNG with a figure title (SkiaSharp), with one consistent look:
/// DejaVu Sans (the font every Debian/Ubuntu image can install as fonts-dejavu-core), white background.
/// </summary>
public static class FigureCanvas
{
    public const string FontFamily = "DejaVu Sans";

    /// <summary>Null when a usable text font exists, else a message saying what to install.</summary>
    public static string? MissingFontProblem()
    {
        using var tf = SKTypeface.FromFamilyName(FontFamily);
        var any = SKFontManager.Default.FontFamilyCount > 0;
        if (tf is not null && tf.FamilyName == FontFamily && tf.GlyphCount > 100) return null;
        return any
            ? null
            : $"no fonts are installed, so figure text cannot be drawn; install the '{FontFamily}' font (Debian/Ubuntu: apt-get install fonts-dejavu-core)";
    }

    public static Plot NewPanel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontFamily);
        plot.Title(title, size: 15);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        return plot;
    }

    /// <summary>Renders <paramref name="panels"/> row by row into a <paramref name="columns"/>-wide grid under a title.</summary>
    public static void Save(string path, string title, IReadOnlyList<Plot> panels, int columns, int panelWidth = 560, int panelHeight = 420)
    {
        var rows = (panels.Count + columns - 1) / columns;
        const int header = 56;
        int width = columns * panelWidth, height = header + rows * panelHeight;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var typeface = SKTypeface.FromFamilyName(FontFamily, SKFontStyle.Bold))
        using (var font = new SKFont(typeface, 20))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText(title, width / 2f, 36, SKTextAlign.Center, font, paint);
        }
        for (var i = 0; i < panels.Count; i++)
        {
            int r = i / columns, c = i % columns;
            var left = c * panelWidth;
            var top = header + r * panelHeight;
            // Each panel renders to its own bitmap: Plot.Render(canvas, rect) clears the whole canvas.
            var png = panels[i].GetImageBytes(panelWidth, panelHeight, ImageFormat.Png);
            using var panel = SKImage.FromEncodedData(png);
            canvas.DrawImage(panel, left, top);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
