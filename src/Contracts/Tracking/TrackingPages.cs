namespace Platform.Contracts.Tracking;

/// <summary>Which lifecycle stages a search returns (MLflow's <c>ViewType</c>).</summary>
public enum ViewType
{
    ACTIVE_ONLY = 1,
    DELETED_ONLY = 2,
    ALL = 3,
}

/// <summary>One page of runs; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record RunPage(IReadOnlyList<Run> Runs, string? NextPageToken);

/// <summary>One page of a metric's history, ordered by step, timestamp, value.</summary>
public sealed record MetricPage(IReadOnlyList<Metric> Metrics, string? NextPageToken);

/// <summary>One page of experiments.</summary>
public sealed record ExperimentPage(IReadOnlyList<Experiment> Experiments, string? NextPageToken);

/// <summary>An artifact file or folder, its path relative to the run's artifact root (MLflow's <c>FileInfo</c>).</summary>
public sealed record ArtifactFileInfo(string Path, bool IsDir, long? FileSize);

/// <summary>
/// A platform addition: per metric of a run, the minimum and maximum over its whole history (NaN points excluded; null when
/// every point is NaN), the latest point (greatest step, timestamp, value, as MLflow defines it) and the number of points.
/// </summary>
public sealed record MetricSummary(string Key, double? Min, double? Max, Metric Last, long Count);

/// <summary>A downsampled metric history: <see cref="TotalPoints"/> stored, <see cref="Metrics"/> kept.</summary>
public sealed record DownsampledHistory(string Key, int TotalPoints, IReadOnlyList<Metric> Metrics);

/// <summary>
/// Several runs and their histories in one request (<c>POST /api/platform/v1/runs/histories/search</c>): for each of
/// <see cref="RunIds"/>, each metric of <see cref="Keys"/> it has (every metric when null), downsampled to <see cref="MaxPoints"/>.
/// </summary>
public sealed record HistorySearch(IReadOnlyList<string> RunIds, IReadOnlyList<string>? Keys = null, int? MaxPoints = null);

/// <summary>One run (as runs/get gives it) with its downsampled histories. Runs that do not exist are left out of the answer.</summary>
public sealed record RunHistories(Run Run, IReadOnlyList<DownsampledHistory> Histories);
