using Sweep.Analysis;
using Sweep.Grains.Interfaces;

namespace Sweep.Grains.Tests.Units;

/// <summary>The analysis report crosses grain calls as its contract JSON and arrives as the same typed report.</summary>
[Category(Category.Unit)]
public sealed class AnalysisReportSurrogateTests
{
    [Fact]
    public void A_report_survives_the_wire_form()
    {
        var report = new AnalysisReport(
            [new GroupSummary("t", "B-FP", "accuracy", 3, 0.9, 0.01, 0.88, 0.92, NonFinite: 1), new GroupSummary("t", "B-Q4", "accuracy", 0, double.NaN, double.NaN, double.NaN, double.NaN)],
            [new Comparison("t", "accuracy", "B-FP", "B-Q4", "paired_t", 3, 1.5, 0.27, 0.54, "d_z", 0.87, -0.001, -0.004, 0.002, "note", Seed: 2)],
            [new ClaimVerdict("C2", "text", Verdict.Refuted, "evidence", "headline")]);
        var converter = new AnalysisReportSurrogateConverter();

        var back = converter.ConvertFromSurrogate(converter.ConvertToSurrogate(report));

        Assert.Equal(report.Comparisons, back.Comparisons);
        Assert.Equal(report.Claims, back.Claims);
        Assert.Equal(report.Groups[0], back.Groups[0]);
        Assert.Equal(0, back.Groups[1].N);
        Assert.True(double.IsNaN(back.Groups[1].Mean)); // null on the wire, NaN again here
        Assert.Contains("\"verdict\": \"refuted\"", converter.ConvertToSurrogate(report).Json);
    }
}
