namespace Platform.Workers.Jobs.Checkpoints;

/// <summary>A checkpoint as stored: the step it was taken after and its content (a <see cref="CheckpointData"/>).</summary>
public sealed record StoredCheckpoint(long Step, byte[] Content);

/// <summary>Where a run's checkpoints live (the tracking store's artifacts on a worker; memory in tests).</summary>
public interface ICheckpointStore
{
    /// <summary>The run's latest checkpoint, or null when none was saved.</summary>
    StoredCheckpoint? TryLoadLatest();

    /// <summary>Stores a checkpoint taken after <paramref name="step"/>; blocks until it is the latest one.</summary>
    void Save(long step, byte[] content);
}

/// <summary>No checkpoints: jobs run from the start and save nothing (contexts built for tests of training alone).</summary>
public sealed class NoCheckpointStore : ICheckpointStore
{
    public static NoCheckpointStore Instance { get; } = new();

    public StoredCheckpoint? TryLoadLatest() => null;

    public void Save(long step, byte[] content)
    {
    }
}
