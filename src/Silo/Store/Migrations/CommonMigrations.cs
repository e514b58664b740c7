namespace Platform.Silo.Store.Migrations;

/// <summary>Steps whose SQL means the same to SQLite and PostgreSQL (TEXT columns, plain indexes), written once for both lists.</summary>
internal static class CommonMigrations
{
    public static Migration DatasetInputs { get; } = new(2, "dataset inputs and metric search index", """
            CREATE TABLE run_inputs (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                digest TEXT NOT NULL,
                source_type TEXT NOT NULL,
                source TEXT NOT NULL,
                schema TEXT NULL,
                profile TEXT NULL,
                tags TEXT NOT NULL,
                PRIMARY KEY (run_id, name, digest));
            CREATE INDEX ix_latest_metrics_key_value ON latest_metrics (key, value);
            CREATE INDEX ix_runs_lifecycle ON runs (experiment_id, lifecycle_stage);
            """);

    /// <summary>
    /// Sweep engine state (BIGINT and TEXT mean the same to both): how a sweep searches (method, seed, suggestions issued) and one
    /// row per trial with its lifecycle state, so a restarted platform re-queues what was unfinished.
    /// </summary>
    public static Migration SweepEngine { get; } = new(3, "sweep engine state", """
        ALTER TABLE sweeps ADD COLUMN method TEXT NOT NULL DEFAULT 'grid';
        ALTER TABLE sweeps ADD COLUMN seed BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE sweeps ADD COLUMN issued BIGINT NOT NULL DEFAULT 0;
        CREATE TABLE trials (
            run_id TEXT PRIMARY KEY,
            sweep_id TEXT NULL,
            trial_index BIGINT NOT NULL,
            state TEXT NOT NULL,
            retries BIGINT NOT NULL DEFAULT 0,
            spec_json TEXT NOT NULL,
            updated_at BIGINT NOT NULL);
        CREATE INDEX ix_trials_sweep ON trials (sweep_id, trial_index);
        CREATE INDEX ix_trials_state ON trials (state);
        """);

    /// <summary>
    /// Security: API tokens, stored as the SHA-256 of their value with a public id for listing and revocation, and the owner
    /// (the creating token's name) of each submitted run and sweep, so a submitter may cancel only what it created.
    /// </summary>
    public static Migration Security { get; } = new(4, "api tokens and resource owners", """
        CREATE TABLE api_tokens (
            token_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            value_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT NULL);
        CREATE TABLE resource_owners (
            kind TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            owner TEXT NOT NULL,
            PRIMARY KEY (kind, resource_id));
        """);

    /// <summary>
    /// A per-series change counter, bumped by every log-batch that touches the series: a cached downsampled history is valid while the
    /// counter it was computed at is still the stored one, on every silo sharing the database.
    /// </summary>
    public const string HistoryVersionSql = "ALTER TABLE latest_metrics ADD COLUMN history_version BIGINT NOT NULL DEFAULT 0;";

    public const string HistoryVersionName = "metric history version";

    public const string SearchIndexesName = "runs/search covering indexes; dataset input context";

    /// <summary>
    /// runs/search: each filter on a metric, param or tag is one range scan of a (key, value, run_id) index that answers it without
    /// reading the table (the metric index also holds is_nan, which a metric filter tests); the (key, value) metric index it
    /// replaces is its prefix. A dataset filter reads run_inputs by name; <c>context</c> holds the input's
    /// <c>mlflow.data.context</c> tag (MLflow's <c>datasets.context</c>), which each dialect fills from the stored tag JSON.
    /// </summary>
    public const string SearchIndexesSql = """
        DROP INDEX IF EXISTS ix_latest_metrics_key_value;
        CREATE INDEX ix_latest_metrics_key_value_run ON latest_metrics (key, value, is_nan, run_id);
        CREATE INDEX ix_params_key_value_run ON params (key, value, run_id);
        CREATE INDEX ix_tags_key_value_run ON tags (key, value, run_id);
        ALTER TABLE run_inputs ADD COLUMN context TEXT NULL;
        CREATE INDEX ix_run_inputs_name ON run_inputs (name, run_id);
        """;

    public const string NarrowMetricKeyName = "metric points keyed by an integer series id";

    /// <summary>
    /// Migration 9, the part both dialects share once <c>latest_metrics</c> has its <c>series_id</c>: a series of points
    /// (run, key) that somehow lacks its latest row gets one (the greatest (step, timestamp, value), as log-batch keeps it),
    /// then every point moves to <c>metric_points</c> under its series id and the old <c>metrics</c> table goes.
    /// <c>rewrite_version</c> (see <c>MetricSeriesCache</c>) starts at each series' history_version: nothing cached predates it.
    /// </summary>
    public const string MovePointsToSeriesSql = """
        INSERT INTO latest_metrics (run_id, key, timestamp, step, value, is_nan, history_version, rewrite_version)
        SELECT m.run_id, m.key, m.timestamp, m.step, m.value, m.is_nan, 1, 1 FROM metrics m
        WHERE NOT EXISTS (SELECT 1 FROM latest_metrics l WHERE l.run_id = m.run_id AND l.key = m.key)
          AND NOT EXISTS (SELECT 1 FROM metrics n WHERE n.run_id = m.run_id AND n.key = m.key
                          AND (n.step, n.timestamp, n.value, n.is_nan) > (m.step, m.timestamp, m.value, m.is_nan))
        ON CONFLICT (run_id, key) DO NOTHING;
        INSERT INTO metric_points (series_id, step, timestamp, value, is_nan)
        SELECT l.series_id, m.step, m.timestamp, m.value, m.is_nan FROM metrics m
        JOIN latest_metrics l ON l.run_id = m.run_id AND l.key = m.key;
        DROP TABLE metrics;
        """;

    public const string MetricChunksName = "metric points packed in chunks, a row per series per group commit";

    /// <summary>
    /// Migration 12, the same in both dialects: the batch ids a run's log has stored (<c>RunLogBatch.BatchId</c>), so that a batch
    /// sent again after a lost answer is stored once. Gone with their run.
    /// </summary>
    public static readonly Migration RunLogBatches = new(12, "run log batch ids", """
        CREATE TABLE run_log_batches (
            run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
            batch_id TEXT NOT NULL,
            PRIMARY KEY (run_id, batch_id));
        """);
}
