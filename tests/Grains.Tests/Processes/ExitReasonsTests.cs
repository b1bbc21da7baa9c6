using Sweep.Grains.Trials.Processes;
using Sweep.Settings;
using Sweep.Training.Isolation;
using Sweep.Training.Trials;

namespace Sweep.Grains.Tests.Processes;

/// <summary>The reasons a person reads when a trial process ends badly, and the message stream's round trip.</summary>
[Category(Category.Unit)]
public sealed class ExitReasonsTests
{
    [Theory]
    [InlineData(139, 412, null, "crashed: SIGSEGV at step 412")]
    [InlineData(134, 0, null, "crashed: SIGABRT while preparing")]
    [InlineData(137, 412, 1L, "killed by the kernel: out of memory at step 412")]
    [InlineData(137, 5, 0L, "killed by SIGKILL at step 5, not by the silo (the kernel's out-of-memory killer sends it when memory runs out)")]
    [InlineData(7, 2, null, "exited with code 7 at step 2")]
    [InlineData(0, 9, null, "ended without a result at step 9")]
    public void Each_end_has_its_own_reason(int exitCode, int step, long? oomKills, string expected) =>
        Assert.Equal(expected, ExitReasons.Describe(new ProcessEnd(exitCode, step, oomKills, null)));

    [Fact]
    public void An_exit_code_carries_the_last_line_the_process_wrote_to_stderr() =>
        Assert.Equal("exited with code 1 at step 3: Unhandled exception. System.Exception: boom",
            ExitReasons.Describe(new ProcessEnd(1, 3, null, "Unhandled exception. System.Exception: boom")));

    [Theory]
    [InlineData(600, "10 min")]
    [InlineData(5, "5 s")]
    [InlineData(5400, "90 min")]
    [InlineData(9000, "2 h 30 min")]
    public void Quiet_times_read_as_a_person_says_them(int seconds, string expected) =>
        Assert.Equal($"no progress for {expected} at step 4; its process tree was ended", ExitReasons.Hung(TimeSpan.FromSeconds(seconds), 4));

    [Fact]
    public void The_oom_kill_count_is_read_from_memory_events() =>
        Assert.Equal(3, OomKillCounter.Parse(["low 0", "high 0", "max 12", "oom 4", "oom_kill 3", "oom_group_kill 0"]));

    [Fact]
    public void Faults_pick_trials_by_id_part_and_attempt()
    {
        const string faults = "/s1:crash:3;/s2:oom:2:5";
        Assert.Equal(new TrialFault("crash", 3), TrialFault.For("t/B-FP/r8/s1", 1, faults));
        Assert.Null(TrialFault.For("t/B-FP/r8/s1", 2, faults));
        Assert.Equal(new TrialFault("oom", 2), TrialFault.For("t/B-FP/r8/s2", 5, faults));
        Assert.Null(TrialFault.For("t/B-FP/r8/s3", 1, faults));
        Assert.Throws<InvalidDataException>(() => TrialFault.For("x", 1, "x:crash"));
    }

    [Fact]
    public void Messages_round_trip_and_foreign_lines_are_not_messages()
    {
        var result = new TrialResult
        {
            Id = "t/B-FP/r8/s1", State = TrialState.Completed, Metrics = new TrialMetrics { Accuracy = 0.75, Perplexity = double.NaN, Steps = 4 },
            LossCurve = [[1, 0.7], [2, 0.6]], RankPattern = new Dictionary<string, int> { ["a"] = 8 },
        };
        var line = TrialProtocol.Line(new TrialMessage { Type = TrialMessageTypes.Result, Result = result, PeakRssBytes = 123 });
        Assert.StartsWith("sweep-trial/1 {", line);
        var back = TrialProtocol.Parse(line)!;
        Assert.Equal(0.75, back.Result!.Metrics.Accuracy);
        Assert.True(double.IsNaN(back.Result.Metrics.Perplexity!.Value));
        Assert.Equal([2, 0.6], back.Result.LossCurve[1]);
        Assert.Equal(8, back.Result.RankPattern!["a"]);
        Assert.Equal(123, back.PeakRssBytes);
        Assert.Null(TrialProtocol.Parse("[W NNPACK.cpp:64] Could not initialize NNPACK"));
        Assert.Null(TrialProtocol.Parse("sweep-trial/2 {}"));
    }

    [Fact]
    public void A_request_of_another_version_is_refused_by_name()
    {
        var line = TrialProtocol.RequestLine(new TrialRequest { Spec = new TrialSpec { Id = "a", Model = "tiny-bert", Data = "toy-sentiment", Preset = "B-FP" }, WorkDirectory = "/tmp/x" })
            .Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => TrialProtocol.ParseRequest(line));
        Assert.Contains("protocol version 2", e.Message);
    }
}
