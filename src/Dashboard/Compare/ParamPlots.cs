using Platform.Contracts.Tracking;
using Platform.Dashboard.Pages;

namespace Platform.Dashboard.Compare;

/// <summary>One run in the parallel coordinates: its position on each axis (null where it has no value) and its metric's position.</summary>
public sealed record ParallelLine(int RunIndex, string RunName, IReadOnlyList<double?> Positions, double? Metric);

/// <summary>Axes (the parameters that differ, then the metric) and one line per run.</summary>
public sealed record ParallelCoordinates(IReadOnlyList<ParamAxis> Axes, IReadOnlyList<ParallelLine> Lines);

/// <summary>One run in the scatter plot: param position across, metric position up.</summary>
public sealed record ScatterPoint(int RunIndex, string RunName, double X, double Y, string XValue, double Metric);

public sealed record ScatterPlot(ParamAxis X, ParamAxis Y, IReadOnlyList<ScatterPoint> Points);

/// <summary>
/// Shapes the selected runs for the compare view's parameter plots. Only parameters whose values differ between the runs get an
/// axis (a constant one explains nothing); with none differing, all are shown. Metrics are the runs' latest values.
/// </summary>
public static class ParamPlots
{
    /// <summary>The parameters worth plotting, in name order.</summary>
    public static IReadOnlyList<string> VaryingParams(IReadOnlyList<Run> runs)
    {
        var keys = runs.SelectMany(r => r.Data.Params.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var varying = keys.Where(k => runs.Select(r => r.Data.Param(k) ?? "").Distinct(StringComparer.Ordinal).Skip(1).Any()).ToArray();
        return varying.Length > 0 ? varying : keys;
    }

    public static ParallelCoordinates Parallel(IReadOnlyList<Run> runs, string metric)
    {
        var names = VaryingParams(runs);
        var axes = names.Select(k => ParamAxis.For(k, runs.Select(r => r.Data.Param(k)))).ToList();
        var metricAxis = ParamAxis.For(metric, runs.Select(r => MetricText(r, metric)));
        axes.Add(metricAxis);
        var lines = runs.Select((run, i) =>
        {
            var positions = names.Select((k, a) => axes[a].Position(run.Data.Param(k))).Append(metricAxis.Position(MetricText(run, metric))).ToArray();
            return new ParallelLine(i, RunNames.Of(run), positions, positions[^1]);
        }).ToArray();
        return new ParallelCoordinates(axes, lines);
    }

    /// <summary>Runs without the param or a finite metric value are left out.</summary>
    public static ScatterPlot Scatter(IReadOnlyList<Run> runs, string param, string metric)
    {
        var x = ParamAxis.For(param, runs.Select(r => r.Data.Param(param)));
        var y = ParamAxis.For(metric, runs.Select(r => MetricText(r, metric)));
        var points = runs.Select((run, i) => (run, i, px: x.Position(run.Data.Param(param)), py: y.Position(MetricText(run, metric))))
            .Where(p => p.px is not null && p.py is not null)
            .Select(p => new ScatterPoint(p.i, RunNames.Of(p.run), p.px!.Value, p.py!.Value, p.run.Data.Param(param)!, p.run.Data.LatestMetric(metric)!.Value))
            .ToArray();
        return new ScatterPlot(x, y, points);
    }

    private static string? MetricText(Run run, string metric) =>
        run.Data.LatestMetric(metric) is { } v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : null;
}
