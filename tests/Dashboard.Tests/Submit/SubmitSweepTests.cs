using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Api;
using Platform.Contracts.Validation;
using Platform.Dashboard.Submit;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Submit;

public sealed class SubmitSweepTests : DashboardTestContext
{
    [Fact]
    public async Task The_form_is_generated_from_the_assignment_schema_and_writes_the_yaml()
    {
        var cut = Render<SubmitSweep>();
        cut.WaitForElement("[data-testid=assignment]");
        Assert.Empty(cut.FindAll("[data-testid^=param-]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=assignment]").Change("sleep"));

        // One field per hyperparameter, with its type, range and default from the catalog.
        Assert.Equal(["param-duration_ms", "param-steps", "param-metric", "param-slope", "param-fail_at_step", "param-failure"], cut.FindAll("[data-testid^=param-]").Select(p => p.GetAttribute("data-testid")));
        Assert.Equal("int in [0, 86400000] · default 0", cut.Find("[data-testid=param-duration_ms] .param-schema").TextContent);
        // A list of values for one, a distribution for another, a constant for a third.
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-slope] [data-testid=mode]").Change("Values"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-slope] [data-testid=values]").Input("-0.1, -0.05"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-steps] [data-testid=mode]").Change("Constant"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-steps] [data-testid=value]").Input("5"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-metric] [data-testid=mode]").Change("Range"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-metric] [data-testid=distribution]").Change("log_uniform_values"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-metric] [data-testid=min]").Input("0.5"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=param-metric] [data-testid=max]").Input("2"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=early-terminate]").Change(true));

        Assert.Equal("""
            assignment: sleep
            name: sleep-sweep
            method: grid
            metric:
              name: loss
              goal: minimize
            early_terminate:
              type: hyperband
              min_iter: 1
              eta: 3
            parameters:
              steps:
                value: 5
              metric:
                distribution: log_uniform_values
                min: 0.5
                max: 2
              slope:
                values: [-0.1, -0.05]

            """.ReplaceLineEndings("\n"), cut.Find("[data-testid=yaml-input]").GetAttribute("value")!.ReplaceLineEndings("\n"));
        // The server checked the latest text (and only once typing paused).
        cut.WaitForAssertion(() => Assert.Equal("valid · grid sweep of sleep, 1 trial", cut.Find("[data-testid=validation-state]").TextContent));
        Assert.True(Api.Requests.Count(r => r.EndsWith("/sweeps/validate", StringComparison.Ordinal)) < 5);

        // The median rule takes min_trials where hyperband takes eta.
        await cut.InvokeAsync(() => cut.Find("[data-testid=early-terminate-type]").Change("median"));
        Assert.Empty(cut.FindAll("[data-testid=eta]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=min-trials]").Input("5"));
        Assert.Contains("""
            early_terminate:
              type: median
              min_iter: 1
              min_trials: 5
            parameters:
            """.ReplaceLineEndings("\n"), cut.Find("[data-testid=yaml-input]").GetAttribute("value")!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Errors_show_at_their_yaml_lines_and_block_submission_until_fixed()
    {
        Api.Validate = yaml => yaml.Contains("steps: 0", StringComparison.Ordinal)
            ? new SweepValidation(false,
            [
                new ValidationError("parameters.steps.value", "must be in [1, 1000000], got 0", 5),
                new ValidationError("metric.name", "unknown metric 'cost' for sleep (known: loss)", 3),
            ])
            : new SweepValidation(true, [], "sleep", "grid", "sleep", 1);
        var cut = Render<SubmitSweep>();
        cut.WaitForElement("[data-testid=yaml-input]");

        await cut.InvokeAsync(() => cut.Find("[data-testid=yaml-input]").Input("assignment: sleep\nmetric:\n  name: cost\nparameters:\n  steps: 0\n"));

        cut.WaitForAssertion(() => Assert.Equal(["3", "5"], cut.FindAll("[data-testid=error-line]").Select(l => l.TextContent)));
        var messages = cut.FindAll("[data-testid=line-error]");
        Assert.Equal(["3", "5"], messages.Select(m => m.GetAttribute("data-line")));
        Assert.Equal("metric.name: unknown metric 'cost' for sleep (known: loss)", messages[0].TextContent);
        Assert.Equal("parameters.steps.value: must be in [1, 1000000], got 0", messages[1].TextContent);
        Assert.Equal(["Line 5 · parameters.steps.value: must be in [1, 1000000], got 0", "Line 3 · metric.name: unknown metric 'cost' for sleep (known: loss)"],
            cut.FindAll("[data-testid=error-item]").Select(e => e.TextContent));
        Assert.True(cut.Find("[data-testid=submit]").HasAttribute("disabled"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=yaml-input]").Input("assignment: sleep\nmetric:\n  name: loss\nparameters:\n  steps: 5\n"));
        // While the fix is being checked the old errors are gone but submission still waits for the answer.
        Assert.Empty(cut.FindAll("[data-testid=error-line]"));
        Assert.True(cut.Find("[data-testid=submit]").HasAttribute("disabled"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=submit]").HasAttribute("disabled")));

        await cut.InvokeAsync(() => cut.Find("[data-testid=submit]").Click());

        Assert.Equal(["assignment: sleep\nmetric:\n  name: loss\nparameters:\n  steps: 5\n"], Api.Submitted);
        cut.WaitForAssertion(() => Assert.EndsWith("/sweeps/" + Api.NextSweepId, Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void An_assignment_in_the_address_is_preselected()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("sweeps/new?assignment=c1w3-planar-data");

        var cut = Render<SubmitSweep>();

        cut.WaitForElement("[data-testid=param-n_h]");
        Assert.Equal("c1w3-planar-data", cut.Find("[data-testid=assignment]").GetAttribute("value"));
        Assert.Equal("train_accuracy", cut.FindAll("[data-testid=metric] option").Select(o => o.TextContent).Last());
        Assert.StartsWith("assignment: c1w3-planar-data\nname: c1w3-planar-data-sweep\nmethod: grid\n", cut.Find("[data-testid=yaml-input]").GetAttribute("value")!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Errors_without_a_line_or_past_the_end_go_on_the_first_line()
    {
        var errors = new[] { new ValidationError("yaml", "not valid YAML"), new ValidationError("x", "y", 40), new ValidationError("z", "w", 2) };

        var placed = ErrorLines.Place(errors, 3);

        Assert.Equal([1, 2], placed.Keys.Order());
        Assert.Equal(["yaml", "x"], placed[1].Select(e => e.Path));
    }
}
