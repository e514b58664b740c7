using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Compare;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Compare;

public sealed class ParamPlotsTests : DashboardTestContext
{
    private static Run Trial(string id, string lr, string optimizer, double? cost, string layers = "[2, 4, 1]") =>
        SampleData.Run(id, id, RunStatus.FINISHED, SampleData.T0, SampleData.T0 + 1,
            [new Param("learning_rate", lr), new Param("optimizer", optimizer), new Param("layers_dims", layers), new Param("seed", "1")],
            cost is { } c ? [new Metric("cost", c, SampleData.T0, 100)] : [], []);

    private static readonly Run[] Trials =
    [
        Trial("a", "0.0001", "adam", 0.6),
        Trial("b", "0.01", "momentum", 0.2, "[2, 8, 1]"),
        Trial("c", "0.1", "adam", 0.4),
        Trial("d", "0.001", "gd", null),
    ];

    [Fact]
    public void Axes_are_the_params_that_differ_then_the_metric_each_of_the_right_kind()
    {
        var pc = ParamPlots.Parallel(Trials, "cost");

        // seed is 1 everywhere: an axis for it would explain nothing.
        Assert.Equal(["layers_dims", "learning_rate", "optimizer", "cost"], pc.Axes.Select(a => a.Name));
        Assert.Equal([AxisKind.Categorical, AxisKind.Log, AxisKind.Categorical, AxisKind.Linear], pc.Axes.Select(a => a.Kind));
        Assert.Equal(["adam", "gd", "momentum"], pc.Axes[2].Categories);
        Assert.Equal(["0.0001", "0.00316228", "0.1"], pc.Axes[1].Ticks().Select(t => t.Label));
    }

    [Fact]
    public void Each_run_is_a_line_placed_on_every_axis_and_a_missing_metric_is_no_point()
    {
        var pc = ParamPlots.Parallel(Trials, "cost");

        var b = pc.Lines[1];
        Assert.Equal("b", b.RunName);
        // [2, 8, 1] sorts after [2, 4, 1]; 0.01 is 2 of the 3 decades from 1e-4 to 0.1; momentum is the last of three; cost 0.2 is the minimum.
        Assert.Equal([1.0, Math.Round(2.0 / 3, 12), 1.0, 0.0], b.Positions.Select(p => Math.Round(p!.Value, 12)));
        Assert.Equal(0.0, b.Metric);
        Assert.Equal(1.0, pc.Lines[0].Metric); // 0.6 is the maximum
        Assert.Equal(0.5, pc.Lines[2].Metric!.Value, 12);
        Assert.Null(pc.Lines[3].Metric);
        Assert.Null(pc.Lines[3].Positions[^1]);
    }

    [Fact]
    public void The_scatter_has_a_point_per_run_with_both_values()
    {
        var plot = ParamPlots.Scatter(Trials, "learning_rate", "cost");

        Assert.Equal(AxisKind.Log, plot.X.Kind);
        Assert.Equal(["a", "b", "c"], plot.Points.Select(p => p.RunName));
        Assert.Equal([0.0, Math.Round(2.0 / 3, 12), 1.0], plot.Points.Select(p => Math.Round(p.X, 12)));
        Assert.Equal([1.0, 0.0, 0.5], plot.Points.Select(p => Math.Round(p.Y, 12)));
        Assert.Equal([0, 1, 2], plot.Points.Select(p => p.RunIndex));
    }

    [Theory]
    [InlineData(new[] { "1", "2", "3" }, AxisKind.Linear)]
    [InlineData(new[] { "0.5", "5", "50" }, AxisKind.Log)]
    [InlineData(new[] { "-1", "5", "500" }, AxisKind.Linear)]
    [InlineData(new[] { "true", "false" }, AxisKind.Categorical)]
    [InlineData(new[] { "1", "relu" }, AxisKind.Categorical)]
    public void Axis_kind_follows_the_values(string[] values, AxisKind kind) => Assert.Equal(kind, ParamAxis.For("p", values).Kind);

    [Fact]
    public void One_value_sits_in_the_middle_and_missing_or_unplaceable_values_have_no_position()
    {
        var axis = ParamAxis.For("p", ["3", "", null, "3"]);
        Assert.Equal(0.5, axis.Position("3"));
        Assert.Null(axis.Position(""));
        Assert.Null(axis.Position("NaN"));
        Assert.Equal(["3"], axis.Ticks().Select(t => t.Label));
    }

    [Fact]
    public void The_compare_page_draws_both_plots_and_follows_the_chosen_metric_and_param()
    {
        Api.Runs.Clear();
        Api.Runs.AddRange(Trials);
        Services.GetRequiredService<NavigationManager>().NavigateTo("compare?runs=a,b,c,d");
        var cut = Render<CompareRuns>();

        cut.WaitForElement("[data-testid=parallel-coordinates]");
        Assert.Equal(4, cut.FindAll("[data-testid=pc-axis]").Count);
        Assert.Equal(4, cut.FindAll("[data-testid=pc-line]").Count);
        Assert.Equal(3, cut.FindAll("[data-testid=scatter-point]").Count);
        Assert.Equal("cost against layers_dims", cut.Find("[data-testid=scatter] figcaption").TextContent);

        cut.Find("[data-testid=plot-param]").Change("learning_rate");
        Assert.Equal("cost against learning_rate", cut.Find("[data-testid=scatter] figcaption").TextContent);
        Assert.Contains("learning_rate (log scale)", cut.Find("[data-testid=scatter]").TextContent);
        Assert.Contains("b: learning_rate 0.01, cost 0.2", cut.FindAll("[data-testid=scatter-point]")[1].TextContent);
    }
}
