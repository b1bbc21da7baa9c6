using Sweep.Analysis.Statistics;

namespace Sweep.Analysis.Study;

/// <summary>Mean, sd and 95% t-interval over seeds for every (task, preset, metric) with completed trials.</summary>
public static class GroupSummaries
{
    public static List<GroupSummary> Build(ResultTable table)
    {
        var groups = new List<GroupSummary>();
        foreach (var task in table.Tasks)
            foreach (var preset in table.PresetsOf(task))
                foreach (var metric in table.MetricsOf(task))
                {
                    var all = table.Values(task, preset, metric);
                    if (all.Count == 0) continue;
                    var x = all.Values.Where(double.IsFinite).ToArray();
                    var (lo, hi) = Descriptive.TInterval(x);
                    groups.Add(new GroupSummary(task, preset, metric, x.Length, Descriptive.Mean(x), Descriptive.Sd(x), lo, hi,
                        all.Count - x.Length));
                }
        return groups;
    }
}
