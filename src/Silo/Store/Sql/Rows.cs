using Platform.Contracts.Tracking;

namespace Platform.Silo.Store.Sql;

// Dapper targets. Columns are aliased to these property names in every SELECT (Dapper matches case-insensitively, which
// covers PostgreSQL folding unquoted aliases to lower case).

internal sealed class ExperimentRow
{
    public long ExperimentId { get; set; }
    public string Name { get; set; } = "";
    public string ArtifactLocation { get; set; } = "";
    public string LifecycleStage { get; set; } = "";
    public long CreationTime { get; set; }
    public long LastUpdateTime { get; set; }

    public Experiment ToExperiment(IReadOnlyList<ExperimentTag> tags) =>
        new(ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), Name, ArtifactLocation, LifecycleStage, CreationTime, LastUpdateTime, tags);
}

internal sealed class KeyValueRow
{
    public long ExperimentId { get; set; }
    public string RunId { get; set; } = "";
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class RunRow
{
    public string RunId { get; set; } = "";
    public long ExperimentId { get; set; }
    public string RunName { get; set; } = "";
    public string Status { get; set; } = "";
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public string ArtifactUri { get; set; } = "";
    public string LifecycleStage { get; set; } = "";
    public string UserId { get; set; } = "";

    public static readonly string Columns = ColumnsOf("");

    /// <summary>The select list with every column qualified by <paramref name="alias"/> (for queries that join other tables).</summary>
    public static string ColumnsOf(string alias)
    {
        var a = alias.Length == 0 ? "" : alias + ".";
        return $"{a}run_id AS RunId, {a}experiment_id AS ExperimentId, {a}run_name AS RunName, {a}status AS Status, " +
               $"{a}start_time AS StartTime, {a}end_time AS EndTime, {a}artifact_uri AS ArtifactUri, {a}lifecycle_stage AS LifecycleStage, " +
               $"{a}user_id AS UserId";
    }

    public RunInfo ToRunInfo() => new(
        RunId, ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), RunName,
        Enum.Parse<RunStatus>(Status), StartTime, EndTime, ArtifactUri, LifecycleStage, UserId);
}

internal sealed class MetricRow
{
    public string RunId { get; set; } = "";
    public string Key { get; set; } = "";
    public double Value { get; set; }
    public long Timestamp { get; set; }
    public long Step { get; set; }
    public bool IsNan { get; set; }

    public const string Columns = "run_id AS RunId, key AS Key, value AS Value, timestamp AS Timestamp, step AS Step, is_nan AS IsNan";

    /// <summary>NaN is stored as 0 plus a flag (SQLite cannot store NaN); restore it here.</summary>
    public Metric ToMetric() => new(Key, IsNan ? double.NaN : Value, Timestamp, Step);

    public static MetricRow From(string runId, Metric m) => new()
    {
        RunId = runId, Key = m.Key, Value = double.IsNaN(m.Value) ? 0 : m.Value, Timestamp = m.Timestamp, Step = m.Step, IsNan = double.IsNaN(m.Value),
    };
}

/// <summary>
/// One stored point of a series (its run and key are the series' <c>latest_metrics</c> row), ordered as the key of
/// <c>metric_points</c>: step, timestamp, value (NaN stored as 0), is_nan.
/// </summary>
internal readonly record struct MetricPoint(long SeriesId, long Step, long Timestamp, double Value, bool IsNan) : IComparable<MetricPoint>
{
    public static MetricPoint From(long seriesId, Metric m) => From(seriesId, m.Step, m.Timestamp, m.Value);

    public static MetricPoint From(long seriesId, long step, long timestamp, double value) =>
        double.IsNaN(value) ? new(seriesId, step, timestamp, 0, true) : new(seriesId, step, timestamp, value, false);

    public Metric ToMetric(string key) => new(key, IsNan ? double.NaN : Value, Timestamp, Step);

    public int CompareTo(MetricPoint other)
    {
        var c = SeriesId.CompareTo(other.SeriesId);
        if (c == 0)
            c = Step.CompareTo(other.Step);
        if (c == 0)
            c = Timestamp.CompareTo(other.Timestamp);
        if (c == 0)
            c = Value.CompareTo(other.Value);
        return c != 0 ? c : IsNan.CompareTo(other.IsNan);
    }
}

internal sealed class SweepRow
{
    public string SweepId { get; set; } = "";
    public string ExperimentId { get; set; } = "";
    public string Assignment { get; set; } = "";
    public string SpecYaml { get; set; } = "";
    public string State { get; set; } = "";
    public string RunIds { get; set; } = "[]";
    public long CreatedAt { get; set; }
    public string Method { get; set; } = "grid";
    public long Seed { get; set; }
    public long Issued { get; set; }

    public const string Columns =
        "sweep_id AS SweepId, experiment_id AS ExperimentId, assignment AS Assignment, spec_yaml AS SpecYaml, state AS State, " +
        "run_ids AS RunIds, created_at AS CreatedAt, method AS Method, seed AS Seed, issued AS Issued";

    public SweepRecord ToRecord() => new(
        SweepId, ExperimentId, Assignment, SpecYaml, State,
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(RunIds) ?? [], CreatedAt, Method, Seed, Issued);
}

internal sealed class TrialRow
{
    public string RunId { get; set; } = "";
    public string? SweepId { get; set; }
    public long TrialIndex { get; set; }
    public string State { get; set; } = "";
    public long Retries { get; set; }
    public string SpecJson { get; set; } = "";
    public long UpdatedAt { get; set; }

    public const string Columns =
        "run_id AS RunId, sweep_id AS SweepId, trial_index AS TrialIndex, state AS State, retries AS Retries, spec_json AS SpecJson, updated_at AS UpdatedAt";

    public TrialRecord ToRecord() => new(RunId, SweepId, TrialIndex, State, Retries, SpecJson, UpdatedAt);
}

internal sealed class InputRow
{
    public string RunId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Digest { get; set; } = "";
    public string SourceType { get; set; } = "";
    public string Source { get; set; } = "";
    public string? Schema { get; set; }
    public string? Profile { get; set; }
    public string Tags { get; set; } = "[]";

    public const string Columns =
        "run_id AS RunId, name AS Name, digest AS Digest, source_type AS SourceType, source AS Source, schema AS Schema, profile AS Profile, tags AS Tags";

    public DatasetInput ToInput() => new(
        System.Text.Json.JsonSerializer.Deserialize<List<InputTag>>(Tags, TrackingJson.Options) ?? [],
        new Dataset(Name, Digest, SourceType, Source, Schema, Profile));
}

internal sealed class SeriesRow
{
    public long SeriesId { get; set; }
    public long HistoryVersion { get; set; }
    public long RewriteVersion { get; set; }
}

internal sealed class MetricSummaryRow
{
    public string Key { get; set; } = "";
    public double? Min { get; set; }
    public double? Max { get; set; }
    public long Count { get; set; }
}

internal sealed class RunLogRow
{
    public long Id { get; set; }
    public long Timestamp { get; set; }
    public string Source { get; set; } = "";
    public string Message { get; set; } = "";
}
