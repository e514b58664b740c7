namespace Platform.Silo.Store.Migrations;

/// <summary>
/// Sweep engine state, shared by both dialects (BIGINT and TEXT mean the same to each): how a sweep searches (method, seed,
/// suggestions issued) and one row per trial with its lifecycle state, so a restarted platform re-queues what was unfinished.
/// Numbered 3 because the tracking API work claims 2.
/// </summary>
internal static class SweepEngineMigration
{
    public static Migration Migration { get; } = new(3, "sweep engine state", """
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
}
