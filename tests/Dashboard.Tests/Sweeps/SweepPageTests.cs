using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Api;
using Platform.Dashboard.Sweeps;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Sweeps;

public sealed class SweepPageTests : DashboardTestContext
{
    public SweepPageTests() => Api.Sweeps[SampleSweeps.SweepId] = SampleSweeps.Running();

    [Fact]
    public void Shows_state_progress_best_trial_chart_rungs_trials_and_yaml()
    {
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, SampleSweeps.SweepId));

        cut.WaitForElement("[data-testid=sweep-chart]");
        Assert.Equal("sleep-asha", cut.Find("[data-testid=sweep-name]").TextContent);
        Assert.Equal("RUNNING", cut.Find("[data-testid=sweep-state]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=live]"));
        Assert.Equal("c1w2-logistic-regression", cut.Find("[data-testid=experiment-link]").TextContent);
        // Counts in display order: running first, then the ended states.
        Assert.Equal(["2 running", "1 finished", "1 pruned"], cut.FindAll("[data-testid=progress] li").Select(l => l.TextContent.Trim()));
        // Best so far, as the API judged it (trial 1: loss 1 - 0.09 * 10).
        Assert.Equal("0.1", cut.Find("[data-testid=best-value]").TextContent);
        Assert.Equal("5eedc0de-1", cut.Find("[data-testid=best-run]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=trial-row]")[0].QuerySelectorAll("[data-testid=best-mark]"));
        // One chart, one curve per trial, with a legend naming them.
        Assert.Equal(4, cut.FindAll("[data-testid=sweep-chart] polyline[data-testid=series]").Count);
        Assert.Equal(["5eedc0de-1", "5eedc0de-2", "5eedc0de-3", "5eedc0de-4"], cut.FindAll("[data-testid=sweep-chart] [data-testid=legend] li").Select(l => l.TextContent));
        // Rungs: trial 2 was pruned at rung 1; trial 4 reached only rung 0; three trials reached rung 1.
        var rows = cut.FindAll("[data-testid=rung-row]");
        Assert.Equal("0.94 ✕", rows[1].QuerySelector("[data-testid=pruned-cell]")!.TextContent.Trim());
        Assert.Contains("pruned at rung 1", rows[1].TextContent);
        Assert.Equal(2, rows[3].QuerySelectorAll("[data-testid=empty-cell]").Length);
        Assert.Equal(["4", "3", "1"], cut.FindAll("[data-testid=rung-total]").Select(c => c.TextContent));
        // Trials: states, only the varying parameter as a column, the metric's latest value.
        Assert.Equal(["FINISHED", "PRUNED", "RUNNING", "RUNNING"], cut.FindAll("[data-testid=trial-state]").Select(b => b.TextContent));
        // Why the pruned one stopped, on hover.
        Assert.Equal([null, "not in the top 1/3 of 2 trials at rung 1 (step 3)", null, null], cut.FindAll("[data-testid=trial-state]").Select(b => b.GetAttribute("title")));
        Assert.Equal(["slope"], cut.FindAll("[data-testid=trial-param-col]").Select(c => c.TextContent));
        // The file with line numbers.
        Assert.Equal("15", cut.FindAll("[data-testid=yaml] .line-no")[^1].TextContent);
    }

    [Fact]
    public void Updates_live_from_the_server_and_stops_once_the_sweep_ended()
    {
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, SampleSweeps.SweepId));
        cut.WaitForElement("[data-testid=sweep-chart]");

        var done = SampleSweeps.Running() with { };
        done = done with
        {
            Sweep = done.Sweep with { State = SweepStates.Finished, Trials = new Dictionary<string, int> { ["finished"] = 3, ["pruned"] = 1 } },
            Trials = [done.Trials[0], done.Trials[1], SampleSweeps.Trial(2, "finished", -0.05, 10), SampleSweeps.Trial(3, "finished", -0.095, 10)],
            Best = new SweepBest(SampleSweeps.RunId(3), 3, 0.05, 10),
        };
        Api.Sweeps[SampleSweeps.SweepId] = done;

        // No user action: the page's server-side refresh picks it up and re-renders.
        cut.WaitForAssertion(() => Assert.Equal("FINISHED", cut.Find("[data-testid=sweep-state]").TextContent));
        Assert.Equal("0.05", cut.Find("[data-testid=best-value]").TextContent);
        Assert.Equal(["3 finished", "1 pruned"], cut.FindAll("[data-testid=progress] li").Select(l => l.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=live]"));
        Assert.Empty(cut.FindAll("[data-testid^=action-]"));

        // Ended: the page stops asking.
        Thread.Sleep(200);
        var asked = Api.Requests.Count(r => r.Contains("/details", StringComparison.Ordinal));
        Thread.Sleep(300);
        Assert.Equal(asked, Api.Requests.Count(r => r.Contains("/details", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pause_asks_for_confirmation_then_pauses()
    {
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, SampleSweeps.SweepId));
        cut.WaitForElement("[data-testid=action-pause]");
        Assert.Equal(["action-pause", "action-cancel"], cut.FindAll("[data-testid^=action-]").Select(b => b.GetAttribute("data-testid")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=action-pause]").Click());

        Assert.Equal("Pause this sweep? No new trials start; 2 trials keep running on.", cut.Find("[data-testid=confirm-question]").TextContent);
        Assert.DoesNotContain(Api.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        await cut.InvokeAsync(() => cut.Find("[data-testid=confirm-yes]").Click());

        cut.WaitForAssertion(() => Assert.Equal("PAUSED", cut.Find("[data-testid=sweep-state]").TextContent));
        Assert.Contains($"POST /api/platform/v1/sweeps/{SampleSweeps.SweepId}/pause", Api.Requests);
        Assert.Equal(["action-resume", "action-cancel"], cut.FindAll("[data-testid^=action-]").Select(b => b.GetAttribute("data-testid")));
        Assert.Empty(cut.FindAll("[data-testid=confirm]"));
    }

    [Fact]
    public async Task Backing_out_of_a_cancel_sends_nothing_and_a_refusal_shows_the_server_reason()
    {
        Api.Control = (_, _) => null;
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, SampleSweeps.SweepId));
        cut.WaitForElement("[data-testid=action-cancel]");

        await cut.InvokeAsync(() => cut.Find("[data-testid=action-cancel]").Click());
        Assert.Contains("Its 2 unfinished trials are stopped", cut.Find("[data-testid=confirm]").TextContent);
        await cut.InvokeAsync(() => cut.Find("[data-testid=confirm-no]").Click());
        Assert.Empty(cut.FindAll("[data-testid=confirm]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=action-cancel]").Click());
        await cut.InvokeAsync(() => cut.Find("[data-testid=confirm-yes]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Could not cancel the sweep: cannot cancel a RUNNING sweep", cut.Find("[data-testid=action-error]").TextContent));
        Assert.Single(Api.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_selected_trials_link_to_the_compare_view()
    {
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, SampleSweeps.SweepId));
        cut.WaitForElement("[data-testid=trial-row]");

        await cut.InvokeAsync(() => cut.FindAll("[data-testid=trial-row] [data-testid=select]")[2].Change(true));
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=trial-row] [data-testid=select]")[0].Change(true));

        Assert.Equal($"compare?runs={SampleSweeps.RunId(2)},{SampleSweeps.RunId(0)}", cut.Find("[data-testid=compare]").GetAttribute("href"));
    }

    [Fact]
    public void An_unknown_sweep_is_a_not_found_message()
    {
        var cut = Render<SweepPage>(p => p.Add(x => x.SweepId, "nope"));

        cut.WaitForAssertion(() => Assert.Equal("Sweep 'nope' not found.", cut.Find("[data-testid=error]").TextContent));
    }

    [Fact]
    public void The_sweeps_list_shows_each_sweep_with_its_state_and_filters_by_experiment()
    {
        Api.Sweeps["0ther000000000000000000000000000"] = SampleSweeps.Running() with
        {
            Sweep = SampleSweeps.Running().Sweep with { SweepId = "0ther000000000000000000000000000", ExperimentId = "2", State = SweepStates.Cancelled, Name = null },
        };

        var all = Render<SweepList>();
        all.WaitForElements("[data-testid=sweep-row]", 2);
        Services.GetRequiredService<NavigationManager>().NavigateTo("sweeps?experiment=2");
        var one = Render<SweepList>();

        var row = one.WaitForElement("[data-testid=sweep-row]");
        Assert.Single(one.FindAll("[data-testid=sweep-row]"));
        Assert.Contains("CANCELLED", row.TextContent);
        Assert.Equal("sweeps/0ther000000000000000000000000000", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Sweeps of c1w3-planar-data", one.Find("h1").TextContent);
    }
}
