using Platform.Workers.Jobs.Checkpoints;

namespace Platform.Workers.Tests.Support;

/// <summary>Checkpoints in memory: every save is kept (in order), the latest is what a resumed job loads.</summary>
public sealed class MemoryCheckpointStore(StoredCheckpoint? latest = null) : ICheckpointStore
{
    private readonly List<StoredCheckpoint> saved = [];

    public IReadOnlyList<StoredCheckpoint> Saved => saved;

    public StoredCheckpoint? TryLoadLatest() => saved.Count > 0 ? saved[^1] : latest;

    public void Save(long step, byte[] content) => saved.Add(new StoredCheckpoint(step, content));
}
