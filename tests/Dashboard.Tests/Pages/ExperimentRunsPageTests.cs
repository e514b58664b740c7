using Bunit;
using Platform.Dashboard.Pages;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Pages;

public sealed class ExperimentRunsPageTests : DashboardTestContext
{
    [Fact]
    public void Shows_one_row_per_run_newest_first_with_param_and_metric_columns()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));

        var rows = cut.WaitForElements("[data-testid=run-row]", 3);
        Assert.Equal(["lr-0.01", "lr-5", "lr-0.005"], rows.Select(r => r.QuerySelector("a")!.TextContent));
        Assert.Equal("runs/" + SampleData.FinishedRunId, rows[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(["learning_rate", "num_iterations", "print_cost"], cut.FindAll("[data-testid=param-col]").Select(c => c.TextContent));
        Assert.Equal(["cost", "test_accuracy", "train_accuracy"], cut.FindAll("[data-testid=metric-col]").Select(c => c.TextContent));
        Assert.Equal("c1w2-logistic-regression", cut.Find("h1").TextContent);
    }

    [Fact]
    public void Formats_cells_status_duration_and_metrics()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));

        var rows = cut.WaitForElements("[data-testid=run-row]", 3);
        var finished = rows[2].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        // run, status, started, duration, 3 params, 3 metrics (cost, test_accuracy, train_accuracy)
        Assert.Equal(["lr-0.005", "FINISHED", "2026-11-25 09:30:00 UTC", "6.4 s", "0.005", "2000", "", "0.140872", "0.7", "0.990431"], finished);
        Assert.Equal("badge badge-finished", rows[2].QuerySelector("[data-testid=status]")!.ClassName);

        var failed = rows[1].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        Assert.Equal("FAILED", failed[1]);
        Assert.Equal("NaN", failed[7]);
        Assert.Equal("badge badge-failed", rows[1].QuerySelector("[data-testid=status]")!.ClassName);

        // Still running: the duration is measured up to the (fixed) clock.
        Assert.Equal("58m 00s", rows[0].QuerySelectorAll("td")[3].TextContent);
        Assert.Equal("badge badge-running", rows[0].QuerySelector("[data-testid=status]")!.ClassName);
    }

    [Fact]
    public void Says_so_when_the_experiment_has_no_runs()
    {
        Api.Runs.Clear();

        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));

        cut.WaitForAssertion(() => Assert.Equal("No runs in this experiment yet.", cut.Find("[data-testid=empty]").TextContent));
    }

    [Fact]
    public void An_unknown_experiment_shows_a_not_found_message()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, "404"));

        cut.WaitForAssertion(() => Assert.Equal("Experiment '404' not found.", cut.Find("[data-testid=error]").TextContent));
    }
}
