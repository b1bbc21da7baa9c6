using System.Globalization;
using System.Text;

namespace Sweep.Deploy.Tests.Keda;

/// <summary>The replica timeline of an emulated autoscaler: one row per poll, printed where something changed.</summary>
public sealed class ScaleTimeline
{
    public sealed record Row(TimeSpan At, double Metric, int Desired, int Actual, int Terminating, int Finished);

    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row) => _rows.Add(row);

    /// <summary>The rows where the metric, the desired or actual replicas, the pods terminating or the trials finished changed (first and last kept),
    /// with times in real seconds and in the manifest's seconds (real ÷ time scale).</summary>
    public string Format(double timeScale)
    {
        var text = new StringBuilder("    t (s)  manifest t (s)  metric  desired  actual  terminating  finished\n");
        Row? previous = null;
        foreach (var row in _rows)
        {
            if (previous is not null && row != _rows[^1] && (row.Metric, row.Desired, row.Actual, row.Terminating, row.Finished) == (previous.Metric, previous.Desired, previous.Actual, previous.Terminating, previous.Finished))
                continue;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.At.TotalSeconds,9:0.00}  {row.At.TotalSeconds / timeScale,14:0}  {row.Metric,6:0.##}  {row.Desired,7}  {row.Actual,6}  {row.Terminating,11}  {row.Finished,8}"));
            previous = row;
        }
        return text.ToString();
    }
}
