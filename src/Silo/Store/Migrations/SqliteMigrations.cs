namespace Platform.Silo.Store.Migrations;

/// <summary>SQLite schema. NaN metric values are stored as value 0 with is_nan = 1 because SQLite turns NaN into NULL.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial tracking schema", """
            CREATE TABLE experiments (
                experiment_id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL UNIQUE,
                artifact_location TEXT NOT NULL DEFAULT '',
                lifecycle_stage TEXT NOT NULL DEFAULT 'active',
                creation_time INTEGER NOT NULL,
                last_update_time INTEGER NOT NULL);
            CREATE TABLE experiment_tags (
                experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (experiment_id, key));
            CREATE TABLE runs (
                run_id TEXT PRIMARY KEY,
                experiment_id INTEGER NOT NULL REFERENCES experiments(experiment_id),
                run_name TEXT NOT NULL,
                status TEXT NOT NULL,
                start_time INTEGER NOT NULL,
                end_time INTEGER NULL,
                artifact_uri TEXT NOT NULL DEFAULT '',
                lifecycle_stage TEXT NOT NULL DEFAULT 'active',
                user_id TEXT NOT NULL DEFAULT '');
            CREATE INDEX ix_runs_experiment_start ON runs (experiment_id, start_time DESC);
            CREATE TABLE params (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_id, key));
            CREATE TABLE tags (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_id, key));
            CREATE TABLE metrics (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                timestamp INTEGER NOT NULL,
                step INTEGER NOT NULL,
                value REAL NOT NULL,
                is_nan INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (run_id, key, timestamp, step, value, is_nan));
            CREATE TABLE latest_metrics (
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                timestamp INTEGER NOT NULL,
                step INTEGER NOT NULL,
                value REAL NOT NULL,
                is_nan INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (run_id, key));
            CREATE TABLE sweeps (
                sweep_id TEXT PRIMARY KEY,
                experiment_id TEXT NOT NULL,
                assignment TEXT NOT NULL,
                spec_yaml TEXT NOT NULL,
                state TEXT NOT NULL,
                run_ids TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            """),
        CommonMigrations.DatasetInputs,
        CommonMigrations.SweepEngine,
        CommonMigrations.Security,
        new(5, CommonMigrations.HistoryVersionName, CommonMigrations.HistoryVersionSql),
        new(7, "run logs", """
            CREATE TABLE run_logs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                timestamp INTEGER NOT NULL,
                source TEXT NOT NULL,
                message TEXT NOT NULL);
            CREATE INDEX ix_run_logs_run ON run_logs (run_id, id);
            """),
        // Points keyed by an integer series id per (run, key) (see the PostgreSQL list). SQLite cannot add an auto-numbered column,
        // so latest_metrics is rebuilt with series_id as its rowid (AUTOINCREMENT: an id is never reused, even after the newest series
        // is deleted). The points keep a foreign key here (to their series, cascading from the run): SQLite checks it with one
        // rowid lookup.
        new(9, CommonMigrations.NarrowMetricKeyName, """
            CREATE TABLE latest_metrics_new (
                series_id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                timestamp INTEGER NOT NULL,
                step INTEGER NOT NULL,
                value REAL NOT NULL,
                is_nan INTEGER NOT NULL DEFAULT 0,
                history_version INTEGER NOT NULL DEFAULT 0,
                rewrite_version INTEGER NOT NULL DEFAULT 0,
                UNIQUE (run_id, key));
            INSERT INTO latest_metrics_new (run_id, key, timestamp, step, value, is_nan, history_version, rewrite_version)
            SELECT run_id, key, timestamp, step, value, is_nan, history_version, history_version FROM latest_metrics ORDER BY run_id, key;
            DROP TABLE latest_metrics;
            ALTER TABLE latest_metrics_new RENAME TO latest_metrics;
            CREATE INDEX ix_latest_metrics_key_value ON latest_metrics (key, value);
            CREATE TABLE metric_points (
                series_id INTEGER NOT NULL REFERENCES latest_metrics(series_id) ON DELETE CASCADE,
                step INTEGER NOT NULL,
                timestamp INTEGER NOT NULL,
                value REAL NOT NULL,
                is_nan INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (series_id, step, timestamp, value, is_nan)) WITHOUT ROWID;
            """ + CommonMigrations.MovePointsToSeriesSql),
        new(10, CommonMigrations.SearchIndexesName, CommonMigrations.SearchIndexesSql + """
            UPDATE run_inputs SET context = (SELECT json_extract(t.value, '$.value') FROM json_each(run_inputs.tags) t
                                             WHERE json_extract(t.value, '$.key') = 'mlflow.data.context' LIMIT 1);
            """),
        // Appended points packed, a row per series per group commit (see the PostgreSQL list). A rowid table: its rows are
        // large, which WITHOUT ROWID tables are not meant for.
        new(11, CommonMigrations.MetricChunksName, """
            CREATE TABLE metric_chunks (
                series_id INTEGER NOT NULL REFERENCES latest_metrics(series_id) ON DELETE CASCADE,
                first_step INTEGER NOT NULL,
                first_timestamp INTEGER NOT NULL,
                first_value REAL NOT NULL,
                first_is_nan INTEGER NOT NULL,
                last_step INTEGER NOT NULL,
                last_timestamp INTEGER NOT NULL,
                last_value REAL NOT NULL,
                last_is_nan INTEGER NOT NULL,
                point_count INTEGER NOT NULL,
                min_value REAL NULL,
                max_value REAL NULL,
                points BLOB NOT NULL,
                PRIMARY KEY (series_id, first_step, first_timestamp, first_value, first_is_nan));
            """),
        CommonMigrations.RunLogBatches,
    ];
}
