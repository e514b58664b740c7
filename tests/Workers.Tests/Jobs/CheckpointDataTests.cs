using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Jobs;

public sealed class CheckpointDataTests
{
    [Fact]
    public void Arrays_and_integers_round_trip_bit_for_bit()
    {
        double[] values = [0.1 + 0.2, double.NaN, -0.0, double.Epsilon, double.MaxValue];
        var bytes = new CheckpointData(42).Put("w", values).Put("t", 7L).Put("counts", [1L, -2L, long.MaxValue]).ToBytes();

        var read = CheckpointData.FromBytes(bytes);

        Assert.Equal(42, read.Step);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), read.Doubles("w").Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(7, read.Integer("t"));
        Assert.Equal([1L, -2L, long.MaxValue], read.Integers("counts"));
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_refused()
    {
        var bytes = new CheckpointData(1).Put("w", new double[100]).ToBytes();

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => CheckpointData.FromBytes(bytes[..^20])).Message);
        Assert.Contains("not a platform checkpoint", Assert.Throws<InvalidDataException>(() => CheckpointData.FromBytes("PK\x03\x04 zip"u8.ToArray())).Message);
        Assert.Contains("has no array 'v'", Assert.Throws<InvalidDataException>(() => CheckpointData.FromBytes(bytes).Doubles("v")).Message);
    }

    [Fact]
    public void Checkpoints_are_due_once_the_interval_has_passed_and_never_with_an_infinite_one()
    {
        var clock = new ManualClock();
        var store = new MemoryCheckpointStore();
        var checkpoints = new JobCheckpoints(store, TimeSpan.FromSeconds(30), clock);

        var early = checkpoints.SaveIfDue(() => new CheckpointData(1));
        clock.Advance(TimeSpan.FromSeconds(30));
        var due = checkpoints.SaveIfDue(() => new CheckpointData(2));
        var rightAfter = checkpoints.SaveIfDue(() => new CheckpointData(3));

        Assert.Equal((false, true, false), (early, due, rightAfter));
        Assert.Equal([2L], store.Saved.Select(s => s.Step));
        Assert.False(new JobCheckpoints(store, Timeout.InfiniteTimeSpan, clock).IsDue);
        Assert.True(new JobCheckpoints(store, TimeSpan.Zero, clock).IsDue);
    }

    [Fact]
    public void A_stored_checkpoint_whose_content_is_of_another_step_is_refused()
    {
        var store = new MemoryCheckpointStore(new StoredCheckpoint(5, new CheckpointData(4).ToBytes()));

        var error = Assert.Throws<InvalidDataException>(() => new JobCheckpoints(store, TimeSpan.Zero).TryLoadLatest());

        Assert.Equal("the checkpoint stored for step 5 holds step 4", error.Message);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
