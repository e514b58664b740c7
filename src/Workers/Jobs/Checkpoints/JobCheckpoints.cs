namespace Platform.Workers.Jobs.Checkpoints;

/// <summary>
/// A job's checkpoints (<see cref="JobContext.Checkpoints"/>): at its start a job resumes from <see cref="TryLoadLatest"/>
/// when there is one; while training it calls <see cref="SaveIfDue"/> at points where its whole state is consistent
/// (after an iteration, its metrics logged), and a checkpoint is taken when <see cref="Interval"/> has passed since the
/// last one (or the job's start). An interval of zero saves at every such point (tests); infinite never saves.
/// </summary>
public sealed class JobCheckpoints(ICheckpointStore store, TimeSpan interval, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _lastSave = (clock ?? TimeProvider.System).GetTimestamp();

    /// <summary>No checkpoints: nothing to resume from, nothing saved.</summary>
    public static JobCheckpoints None { get; } = new(NoCheckpointStore.Instance, Timeout.InfiniteTimeSpan);

    public TimeSpan Interval => interval;

    /// <summary>The run's latest checkpoint (saved by an earlier attempt of this trial, on any worker), or null.</summary>
    public CheckpointData? TryLoadLatest()
    {
        if (store.TryLoadLatest() is not { } stored)
        {
            return null;
        }

        var data = CheckpointData.FromBytes(stored.Content);
        if (data.Step != stored.Step)
        {
            throw new InvalidDataException($"the checkpoint stored for step {stored.Step} holds step {data.Step}");
        }

        return data;
    }

    /// <summary>True when a checkpoint is due: <see cref="Interval"/> has passed since the last one.</summary>
    public bool IsDue => interval != Timeout.InfiniteTimeSpan && _clock.GetElapsedTime(_lastSave) >= interval;

    /// <summary>Saves the checkpoint <paramref name="capture"/> builds when one is due (the capture runs only then).</summary>
    public bool SaveIfDue(Func<CheckpointData> capture)
    {
        if (!IsDue)
        {
            return false;
        }

        Save(capture());
        return true;
    }

    public void Save(CheckpointData checkpoint)
    {
        store.Save(checkpoint.Step, checkpoint.ToBytes());
        _lastSave = _clock.GetTimestamp();
    }
}
