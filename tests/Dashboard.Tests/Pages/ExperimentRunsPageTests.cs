using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Tracking;
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
        // select, run, status, started, duration, 3 params, 3 metrics (cost, test_accuracy, train_accuracy)
        Assert.Equal(["", "lr-0.005", "FINISHED", "2026-11-25 09:30:00 UTC", "6.4 s", "0.005", "2000", "", "0.140872", "0.7", "0.990431"], finished);
        Assert.Equal("badge badge-finished", rows[2].QuerySelector("[data-testid=status]")!.ClassName);

        var failed = rows[1].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
        Assert.Equal("FAILED", failed[2]);
        Assert.Equal("NaN", failed[8]);
        Assert.Equal("badge badge-failed", rows[1].QuerySelector("[data-testid=status]")!.ClassName);

        // Still running: the duration is measured up to the (fixed) clock.
        Assert.Equal("58m 00s", rows[0].QuerySelectorAll("td")[4].TextContent);
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
    [Fact]
    public void An_invalid_filter_shows_the_server_message_under_the_search_box()
    {
        Navigate("experiments/1?filter=metrics.cost%20%3C");
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));

        cut.WaitForAssertion(() => Assert.Equal("Invalid filter 'metrics.cost <' at position 0", cut.Find("[data-testid=filter-error]").TextContent));
        Assert.Equal("metrics.cost <", cut.Find("[data-testid=search]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=error]"));
        Assert.Empty(cut.FindAll("[data-testid=run-row]"));
    }

    [Fact]
    public void The_filter_and_status_chips_go_to_the_server_as_one_filter()
    {
        Navigate("experiments/1?filter=metrics.cost%20%3C%200.2&status=FINISHED,FAILED");
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));

        var rows = cut.WaitForElements("[data-testid=run-row]", 1);
        Assert.Equal("lr-0.005", rows[0].QuerySelector("a")!.TextContent);
        Assert.Equal("metrics.cost < 0.2 AND attributes.status IN ('FINISHED', 'FAILED')", LastSearch().GetProperty("filter").GetString());
        Assert.Equal("true", cut.Find("[data-testid=chip-FAILED]").GetAttribute("aria-pressed"));
        // Toggling a chip off keeps the rest of the view in the link.
        Assert.Equal("experiments/1?filter=metrics.cost%20%3C%200.2&status=FINISHED", cut.Find("[data-testid=chip-FAILED]").GetAttribute("href"));
    }

    [Fact]
    public void Submitting_the_search_box_puts_the_filter_in_the_address()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        cut.WaitForElements("[data-testid=run-row]", 3);

        cut.Find("[data-testid=search]").Change("params.learning_rate = '0.005'");
        cut.Find("[data-testid=search-form]").Submit();

        Assert.EndsWith("/experiments/1?filter=params.learning_rate%20%3D%20%270.005%27", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Headers_link_to_a_server_side_sort_and_the_sort_becomes_order_by()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        cut.WaitForElements("[data-testid=run-row]", 3);
        Assert.Equal(["attributes.start_time DESC"], OrderBy(LastSearch()));
        var cost = cut.Find("[data-testid=metric-col][data-key='metrics.cost'] a");
        Assert.Equal("experiments/1?sort=metrics.cost&dir=asc", cost.GetAttribute("href"));

        // What the browser does when the header link is followed: the same page with a new query string.
        Navigate(cost.GetAttribute("href")!);

        cut.WaitForAssertion(() => Assert.Equal(["metrics.cost ASC"], OrderBy(LastSearch())));
        // The server's order: 0.14 then 0.30, and the NaN run last.
        cut.WaitForAssertion(() => Assert.Equal(["lr-0.005", "lr-0.01", "lr-5"], cut.FindAll("[data-testid=run-row] td:nth-child(2) a").Select(a => a.TextContent)));
        Assert.Equal("ascending", cut.Find("[data-testid=metric-col][data-key='metrics.cost']").GetAttribute("aria-sort"));
        // Clicking the sorted column again flips it.
        Assert.Equal("experiments/1?sort=metrics.cost&dir=desc", cut.Find("[data-testid=metric-col][data-key='metrics.cost'] a").GetAttribute("href"));
        Assert.Equal("experiments/1?sort=params.learning_rate&dir=asc", cut.Find("[data-testid=param-col][data-key='params.learning_rate'] a").GetAttribute("href"));
    }

    [Fact]
    public void Load_more_follows_the_next_page_token()
    {
        for (var i = 0; i < ExperimentRuns.PageSize; i++)
        {
            Api.Runs.Add(SampleData.Run($"extra{i:000}", $"extra-{i}", RunStatus.FINISHED, SampleData.T0 - 1000 - i, SampleData.T0, [], [], []));
        }

        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        cut.WaitForElements("[data-testid=run-row]", ExperimentRuns.PageSize);

        cut.Find("[data-testid=load-more]").Click();

        cut.WaitForElements("[data-testid=run-row]", ExperimentRuns.PageSize + 3);
        Assert.Equal(ExperimentRuns.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), LastSearch().GetProperty("page_token").GetString());
        Assert.Empty(cut.FindAll("[data-testid=load-more]"));
    }

    [Fact]
    public void Selected_runs_make_the_compare_link()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        var rows = cut.WaitForElements("[data-testid=run-row]", 3);
        Assert.Equal("Compare (0)", cut.Find("[data-testid=compare]").TextContent);
        Assert.Null(cut.Find("[data-testid=compare]").GetAttribute("href"));

        cut.FindAll("[data-testid=select]")[0].Change(true);
        cut.FindAll("[data-testid=select]")[2].Change(true);

        var compare = cut.Find("[data-testid=compare]");
        Assert.Equal("Compare (2)", compare.TextContent);
        Assert.Equal($"compare?runs={SampleData.RunningRunId},{SampleData.FinishedRunId}", compare.GetAttribute("href"));
    }

    [Fact]
    public void The_selection_survives_a_new_search_and_keeps_the_picking_order()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        cut.WaitForElements("[data-testid=run-row]", 3);
        cut.FindAll("[data-testid=select]")[2].Change(true); // lr-0.005
        cut.FindAll("[data-testid=select]")[1].Change(true); // lr-5

        Navigate("experiments/1?status=FINISHED");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=run-row]")));

        Assert.Equal($"compare?runs={SampleData.FinishedRunId},{SampleData.FailedRunId}", cut.Find("[data-testid=compare]").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=select]").HasAttribute("checked"));
    }

    [Fact]
    public void The_column_chooser_hides_columns_through_the_address()
    {
        var cut = Render<ExperimentRuns>(p => p.Add(x => x.ExperimentId, SampleData.ExperimentId));
        cut.WaitForElements("[data-testid=run-row]", 3);
        var options = cut.FindAll("[data-testid=column-option]");
        Assert.Equal(["learning_rate", "num_iterations", "print_cost", "cost", "test_accuracy", "train_accuracy"], options.Select(o => o.TextContent.Trim('✓')));
        Assert.All(options, o => Assert.Equal("true", o.GetAttribute("aria-checked")));
        Assert.Equal("experiments/1?hide=params.num_iterations", options[1].GetAttribute("href"));

        Navigate("experiments/1?hide=params.num_iterations&hide=metrics.test_accuracy");

        cut.WaitForAssertion(() => Assert.Equal(["learning_rate", "print_cost"], cut.FindAll("[data-testid=param-col]").Select(c => c.TextContent)));
        Assert.Equal(["cost", "train_accuracy"], cut.FindAll("[data-testid=metric-col]").Select(c => c.TextContent));
        // Rows lose the same cells: 1 select + 4 fixed + 2 params + 2 metrics.
        Assert.Equal(9, cut.FindAll("[data-testid=run-row]")[0].QuerySelectorAll("td").Length);
        Assert.Equal("Columns (2 hidden)", cut.Find("[data-testid=columns] summary").TextContent);
        // Showing one again keeps the other hidden.
        Assert.Equal("experiments/1?hide=metrics.test_accuracy", cut.FindAll("[data-testid=column-option]")[1].GetAttribute("href"));
    }

    private void Navigate(string relative) => Services.GetRequiredService<NavigationManager>().NavigateTo(relative);

    private JsonElement LastSearch()
    {
        lock (Api.Searches)
        {
            return Api.Searches[^1];
        }
    }

    private static string[] OrderBy(JsonElement search) => search.GetProperty("order_by").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
