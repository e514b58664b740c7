using Bunit;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Logs;
using Platform.Dashboard.Pages;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Logs;

public sealed class RunLogsTests : DashboardTestContext
{
    [Fact]
    public void The_logs_tab_shows_lifecycle_events_and_job_lines_in_order_with_their_style()
    {
        Api.Logs[SampleData.FailedRunId] =
        [
            Line(1, "platform", "leased by worker w-1"),
            Line(2, "w-1", "Information: iteration 100: cost 0.5"),
            Line(3, "w-1", "Warning: cost rose"),
            Line(4, "platform", "failed: cost became NaN at iteration 300"),
        ];
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FailedRunId));
        cut.WaitForElement("[data-testid=tab-logs]").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=log-line]").Count));
        var lines = cut.FindAll("[data-testid=log-line]");
        Assert.Equal(["leased by worker w-1", "Information: iteration 100: cost 0.5", "Warning: cost rose", "failed: cost became NaN at iteration 300"],
            lines.Select(l => l.QuerySelector(".log-message")!.TextContent));
        Assert.Equal("09:30:00.001", lines[0].QuerySelector(".log-time")!.TextContent);
        Assert.Contains("log-platform", lines[0].ClassName);
        Assert.Contains("log-warning", lines[2].ClassName);
        Assert.Contains("log-error", lines[3].ClassName);
        Assert.Equal("4 lines", cut.Find("[data-testid=log-count]").TextContent);
        // A failed run is over: nothing to follow.
        Assert.Empty(cut.FindAll("[data-testid=log-live]"));
        Assert.Empty(cut.FindAll("[data-testid=params]"));
    }

    [Fact]
    public void An_active_run_follows_new_lines_asking_only_for_those_after_the_last_one_shown()
    {
        Api.Logs[SampleData.RunningRunId] = [Line(1, "platform", "running on worker w-1")];
        var cut = Render<RunLogs>(p => p.Add(x => x.RunId, SampleData.RunningRunId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=log-line]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=log-live]"));

        lock (Api.Logs)
        {
            Api.Logs[SampleData.RunningRunId].Add(Line(2, "w-1", "Information: epoch 1"));
        }

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=log-line]").Count));
        lock (Api.Requests)
        {
            Assert.Contains(Api.Requests, r => r.EndsWith($"/runs/{SampleData.RunningRunId}/logs?after=1&limit=1000", StringComparison.Ordinal));
        }

        // The run ends: the page stops asking.
        var index = Api.Runs.FindIndex(r => r.Info.RunId == SampleData.RunningRunId);
        Api.Runs[index] = Api.Runs[index] with { Info = Api.Runs[index].Info with { Status = RunStatus.FINISHED } };
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=log-live]")));
        int count;
        lock (Api.Requests)
        {
            count = Api.Requests.Count;
        }

        Thread.Sleep(300);
        lock (Api.Requests)
        {
            Assert.Equal(count, Api.Requests.Count);
        }
    }

    [Fact]
    public void A_long_log_is_read_page_by_page_and_keeps_the_newest_lines()
    {
        Api.Logs[SampleData.FinishedRunId] = Enumerable.Range(1, RunLogs.MaxShown + 1500).Select(i => Line(i, "w-1", $"line {i}")).ToList();
        var cut = Render<RunLogs>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));

        cut.WaitForAssertion(() => Assert.Equal($"last {RunLogs.MaxShown:N0} of {RunLogs.MaxShown + 1500:N0} lines", cut.Find("[data-testid=log-count]").TextContent));
        Assert.Equal("line 1501", cut.Find("[data-testid=log-line] .log-message").TextContent);
    }

    [Fact]
    public void A_run_without_lines_says_so()
    {
        var cut = Render<RunLogs>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));
        cut.WaitForElement("[data-testid=log-empty]");
    }

    [Fact]
    public void The_tab_can_be_opened_by_link()
    {
        Api.Logs[SampleData.FinishedRunId] = [Line(1, "platform", "finished")];
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"runs/{SampleData.FinishedRunId}?tab=logs");
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=log-line]")));
        Assert.Equal("true", cut.Find("[data-testid=tab-logs]").GetAttribute("aria-selected"));
    }

    private static RunLogLine Line(long id, string source, string message) => new(id, SampleData.T0 + id, source, message);
}
