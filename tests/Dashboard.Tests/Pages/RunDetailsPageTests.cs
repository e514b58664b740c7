using System.Net;
using Bunit;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Pages;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Pages;

public sealed class RunDetailsPageTests : DashboardTestContext
{
    [Fact]
    public void Shows_header_params_tags_metrics_and_a_cost_chart()
    {
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));

        cut.WaitForElement("[data-testid=chart-cost]");
        Assert.Equal("lr-0.005", cut.Find("[data-testid=run-name]").TextContent);
        Assert.Equal("FINISHED", cut.Find("[data-testid=status]").TextContent);
        var experimentLink = cut.Find("[data-testid=experiment-link]");
        Assert.Equal("c1w2-logistic-regression", experimentLink.TextContent);
        Assert.Equal("experiments/1", experimentLink.GetAttribute("href"));
        Assert.Equal(["learning_rate=0.005", "num_iterations=2000"], Rows(cut, "params"));
        // Last, min and max per metric, from the server's summaries.
        Assert.Equal(["cost=0.140872|0.140872|0.693147", "test_accuracy=0.7|0.7|0.7", "train_accuracy=0.990431|0.990431|0.990431"], SummaryRows(cut));
        // mlflow.* bookkeeping tags are hidden; the run name is already the heading.
        Assert.Equal(["platform.assignment=c1w2-logistic-regression", "platform.worker=silo-1"], Rows(cut, "tags"));
        Assert.Equal(20, cut.FindAll("[data-testid=chart-cost] [data-testid=marker]").Count);
        // The chart comes from the server's downsampled history, not the full one.
        Assert.Contains(Api.Requests, r => r.EndsWith($"/runs/{SampleData.FinishedRunId}/metrics/cost?max_points=1000", StringComparison.Ordinal));
        Assert.DoesNotContain(Api.Requests, r => r.Contains("get-history", StringComparison.Ordinal));
        // Metrics with a single point get no chart.
        Assert.Empty(cut.FindAll("[data-testid=chart-train_accuracy]"));
    }

    [Fact]
    public void A_failed_run_shows_its_error_and_a_chart_without_the_non_finite_points()
    {
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FailedRunId));

        cut.WaitForElement("[data-testid=chart-cost]");
        Assert.Contains("cost became NaN at iteration 300", cut.Find("[data-testid=run-error]").TextContent);
        // Last is NaN; min and max skip NaN but keep Infinity, as the server computes them.
        Assert.Equal(["cost=NaN|0.693147|Infinity"], SummaryRows(cut));
        Assert.Equal(2, cut.FindAll("[data-testid=chart-cost] [data-testid=marker]").Count);
        Assert.Contains("2 non-finite values", cut.Find("[data-testid=chart-cost] [data-testid=skipped]").TextContent);
    }

    [Fact]
    public void A_pruned_run_says_it_was_pruned_by_early_stopping_and_why()
    {
        const string prunedId = "c0ffeec0ffeec0ffeec0ffeec0ffee00";
        Api.Runs.Add(SampleData.Run(prunedId, "trial-3", RunStatus.KILLED, SampleData.T0, SampleData.T0 + 900, [], [],
            [new RunTag(TrialTags.Outcome, TrialTags.Pruned), new RunTag(TrialTags.PruneReason, "not in the top 1/3 of 3 trials at rung 0 (step 3)")]));

        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, prunedId));

        cut.WaitForElement("[data-testid=run-pruned]");
        Assert.Equal("Pruned by early stopping: not in the top 1/3 of 3 trials at rung 0 (step 3)", cut.Find("[data-testid=run-pruned]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=run-error]"));
    }

    [Fact]
    public void An_unknown_run_shows_a_not_found_message()
    {
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, "abc"));

        cut.WaitForAssertion(() => Assert.Equal("Run 'abc' not found.", cut.Find("[data-testid=error]").TextContent));
        Assert.DoesNotContain("at Platform.", cut.Markup);
    }

    [Fact]
    public void An_unreachable_api_is_a_message_not_a_crash()
    {
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, "abc"));
        cut.WaitForElement("[data-testid=error]");
        Api.FailWith = (HttpStatusCode.BadGateway, "INTERNAL_ERROR", "upstream down");

        cut.Render(p => p.Add(x => x.RunId, "def"));

        cut.WaitForAssertion(() => Assert.Equal("Could not load run 'def': upstream down", cut.Find("[data-testid=error]").TextContent));
    }

    [Fact]
    public void A_long_history_is_charted_from_the_downsampled_points_with_a_caption()
    {
        Api.Histories[(SampleData.FinishedRunId, "cost")] = Enumerable.Range(0, 5000).Select(i => new Contracts.Tracking.Metric("cost", 1.0 / (i + 1), SampleData.T0 + i, i)).ToList();

        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));

        cut.WaitForElement("[data-testid=chart-cost]");
        Assert.Equal("1,000 of 5,000 points shown (downsampled on the server).", cut.Find("[data-testid=chart-cost] [data-testid=chart-note]").TextContent);
        Assert.Equal(1000, cut.Find("[data-testid=chart-cost] polyline").GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public void The_run_page_lists_the_run_artifacts()
    {
        var cut = Render<RunDetails>(p => p.Add(x => x.RunId, SampleData.FinishedRunId));

        cut.WaitForElements("[data-testid=artifacts] [data-testid=artifact]", 3);
    }

    private static IEnumerable<string> SummaryRows(IRenderedComponent<RunDetails> cut) =>
        cut.FindAll("[data-testid=metrics] tbody tr").Select(r => r.QuerySelector("th")!.TextContent + "=" + string.Join('|', r.QuerySelectorAll("td").Select(c => c.TextContent)));

    private static IEnumerable<string> Rows(IRenderedComponent<RunDetails> cut, string table) =>
        cut.FindAll($"[data-testid={table}] tbody tr").Select(r => r.QuerySelector("th")!.TextContent + "=" + r.QuerySelector("td")!.TextContent);
}
