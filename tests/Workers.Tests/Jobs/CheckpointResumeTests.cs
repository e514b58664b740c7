using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Assignments.Sleep;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Jobs;

/// <summary>
/// A job resumed from a checkpoint of an uninterrupted run ends exactly where that run ended, and logs only the steps after
/// the checkpoint (the platform drops what a killed attempt logged after it, so each step is logged once).
/// </summary>
public sealed class CheckpointResumeTests
{
    public static TheoryData<string, string, string> Jobs => new()
    {
        // job, settings, the metric whose last point is compared
        { "c2w1-initialization", "initialization=he num_iterations=6001", "cost" },
        { "c2w1-regularization", "lambd=0.7 num_iterations=5001", "cost" },
        { "c2w1-regularization", "keep_prob=0.86 learning_rate=0.3 num_iterations=5001", "cost" },
        { "c2w2-optimization", "optimizer=adam num_epochs=3001", "cost" },
        { "c2w2-optimization", "optimizer=momentum decay=schedule_lr_decay learning_rate=0.1 num_epochs=3001", "learning_rate" },
        // float32 runs checkpoint their parameters widened to float64, which narrows back exactly.
        { "c2w1-regularization", "keep_prob=0.86 num_iterations=5001 dtype=float32", "cost" },
        { "c2w2-optimization", "optimizer=adam num_epochs=3001 dtype=float32", "cost" },
        { "sleep", "steps=9 slope=0.5", "loss" },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Resumed_from_a_middle_checkpoint_the_job_ends_exactly_as_an_uninterrupted_run_and_logs_each_later_step_once(
        string assignment, string settings, string watched)
    {
        var job = JobRegistry.Find(assignment)!;
        var uninterruptedMetrics = new RecordingMetricSink();
        var everySave = new MemoryCheckpointStore();
        var uninterruptedOutputs = new RecordingRunOutputs();
        job.Run(Context(job, settings, uninterruptedMetrics, new JobCheckpoints(everySave, TimeSpan.Zero), uninterruptedOutputs));
        Assert.True(everySave.Saved.Count >= 3, $"{everySave.Saved.Count} checkpoints");

        var middle = everySave.Saved[everySave.Saved.Count / 2];
        var resumedMetrics = new RecordingMetricSink();
        var resumedOutputs = new RecordingRunOutputs();
        job.Run(Context(job, settings, resumedMetrics, new JobCheckpoints(new MemoryCheckpointStore(middle), Timeout.InfiniteTimeSpan), resumedOutputs));

        // Exactly: the same arithmetic from the same bits (the acceptance bound is 1e-9).
        Assert.Equal(uninterruptedMetrics.For(watched)[^1], resumedMetrics.For(watched)[^1]);
        Assert.Equal(uninterruptedMetrics.Points.Where(p => p.Step > middle.Step), resumedMetrics.Points);
        Assert.Equal(uninterruptedOutputs.Paths, resumedOutputs.Paths);
    }

    [Fact]
    public void He_initialization_killed_halfway_resumes_to_the_uninterrupted_final_cost()
    {
        // The acceptance case at full length (15000 iterations): checkpoint after iteration 7000, resume from it.
        var job = new C2W1InitializationJob();
        var uninterrupted = new RecordingMetricSink();
        var saves = new MemoryCheckpointStore();
        job.Run(Context(job, "initialization=he", uninterrupted, new JobCheckpoints(saves, TimeSpan.Zero)));
        var halfway = saves.Saved.Single(s => s.Step == 7000);

        var resumed = new RecordingMetricSink();
        job.Run(Context(job, "initialization=he", resumed, new JobCheckpoints(new MemoryCheckpointStore(halfway), TimeSpan.Zero)));

        var costs = uninterrupted.For("cost").Where(p => p.Step <= 7000).Concat(resumed.For("cost")).ToArray();
        Assert.Equal(Enumerable.Range(0, 15).Select(i => i * 1000L), costs.Select(c => c.Step));
        Assert.Equal(uninterrupted.For("cost")[^1].Value, resumed.For("cost")[^1].Value, 1e-9);
        Assert.Equal(uninterrupted.Single("train_accuracy"), resumed.Single("train_accuracy"));
    }

    private static JobContext Context(IAssignmentJob job, string settings, IMetricSink metrics, JobCheckpoints checkpoints, IRunOutputs? outputs = null)
    {
        var raw = settings.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var context = JobContexts.For(job.Descriptor, metrics, raw, outputs: outputs);
        return new JobContext
        {
            Hyperparameters = context.Hyperparameters,
            Data = context.Data,
            Metrics = context.Metrics,
            Outputs = context.Outputs,
            Checkpoints = checkpoints,
        };
    }
}
