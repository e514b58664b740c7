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
}
