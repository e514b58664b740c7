using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dashboard.Compare;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Compare;

public sealed class CompareTests : DashboardTestContext
{
    private IRenderedComponent<CompareRuns> RenderCompare(params string[] runIds)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("compare?runs=" + string.Join(',', runIds));
        return Render<CompareRuns>();
    }

    [Fact]
    public void The_table_has_every_key_and_marks_differences()
    {
        var runs = Api.Runs.Where(r => r.Info.RunId != SampleData.FailedRunId).ToArray();

        var rows = CompareTable.Build(runs);

        Assert.Equal(["learning_rate", "num_iterations", "print_cost", "cost", "test_accuracy", "train_accuracy"], rows.Select(r => r.Key));
        Assert.Equal(["0.005", "0.01"], rows[0].Values);
        // A run without the key differs from one with it.
        Assert.Equal(["", "true"], rows[2].Values);
        Assert.Equal(["learning_rate", "print_cost", "cost", "test_accuracy", "train_accuracy"], CompareTable.Filter(rows, differencesOnly: true).Select(r => r.Key));
        Assert.Same(rows, CompareTable.Filter(rows, differencesOnly: false));
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(40, 500)]
    [InlineData(100, 200)]
    [InlineData(1000, 100)]
    public void Many_runs_share_a_budget_of_points_per_chart(int runs, int perRun) => Assert.Equal(perRun, CompareRuns.PointsPerRun(runs));

    [Fact]
    public void Overlays_one_curve_per_run_with_a_legend()
    {
        var cut = RenderCompare(SampleData.FinishedRunId, SampleData.RunningRunId);

        var chart = cut.WaitForElement("[data-testid=chart-cost]");
        var lines = chart.QuerySelectorAll("polyline");
        Assert.Equal(2, lines.Length);
        Assert.Equal(["series c0", "series c1"], lines.Select(l => l.ClassName));
        Assert.Equal(["lr-0.005", "lr-0.01"], chart.QuerySelectorAll("[data-testid=legend] li").Select(l => l.TextContent));
        Assert.Equal("Compare 2 runs", cut.Find("h1").TextContent);
        // The runs and every history in one request, not one per run and metric.
        Assert.Equal(["POST /api/platform/v1/runs/histories/search"], Api.Requests);
    }

    [Fact]
    public void Differences_only_hides_the_rows_where_runs_agree()
    {
        var cut = RenderCompare(SampleData.FinishedRunId, SampleData.FailedRunId);
        cut.WaitForElement("[data-testid=compare-table]");
        Assert.Contains("num_iterations", Keys(cut));

        cut.Find("[data-testid=differences-only]").Change(true);

        Assert.Equal(["learning_rate", "cost", "test_accuracy", "train_accuracy"], Keys(cut));
        Assert.Equal(["0.005", "5"], cut.FindAll("[data-testid=compare-row]")[0].QuerySelectorAll("td").Select(c => c.TextContent));
    }

    [Fact]
    public void Identical_runs_say_so_when_only_differences_are_shown()
    {
        var cut = RenderCompare(SampleData.FinishedRunId, SampleData.FinishedRunId);
        cut.WaitForElement("[data-testid=compare-table]");

        cut.Find("[data-testid=differences-only]").Change(true);

        Assert.Empty(Keys(cut));
        Assert.Equal("These runs have the same parameters and metrics.", cut.Find("[data-testid=no-differences]").TextContent);
    }

    [Fact]
    public void An_unknown_run_is_left_out_with_a_note_and_the_rest_compared()
    {
        var cut = RenderCompare(SampleData.FinishedRunId, "nope", SampleData.RunningRunId);

        cut.WaitForAssertion(() => Assert.Equal("Not found, left out: nope", cut.Find("[data-testid=missing]").TextContent));
        Assert.Equal(["lr-0.005FINISHED", "lr-0.01RUNNING"], cut.FindAll("[data-testid=run-legend] li").Select(li => li.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=error]"));
    }

    [Fact]
    public void An_api_failure_is_a_message()
    {
        Api.FailWith = (System.Net.HttpStatusCode.BadGateway, "INTERNAL_ERROR", "upstream down");

        var cut = RenderCompare(SampleData.FinishedRunId);

        cut.WaitForAssertion(() => Assert.Equal("Could not load runs to compare: upstream down", cut.Find("[data-testid=error]").TextContent));
    }

    [Fact]
    public void No_runs_selected_says_how_to_pick_them()
    {
        var cut = RenderCompare();

        cut.WaitForAssertion(() => Assert.Contains("No runs selected", cut.Find("[data-testid=empty]").TextContent));
    }

    private static string[] Keys(IRenderedComponent<CompareRuns> cut) =>
        cut.FindAll("[data-testid=compare-row] th").Select(th => th.TextContent).ToArray();
}
