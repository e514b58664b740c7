using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;

namespace Platform.Workers.Assignments.Sleep;

/// <summary>
/// <c>sleep</c>: logs <c>loss</c> = metric + slope · step for steps 1..steps (as a metric and a log line), waiting duration_ms / steps before each.
/// Waits on the cancellation token's handle, so a cancelled trial stops at once instead of finishing its step. Resumes after
/// its latest checkpoint's step.
/// </summary>
public sealed class SleepJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => SleepAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var duration = context.Hyperparameters.GetInt("duration_ms");
        var steps = context.Hyperparameters.GetInt("steps");
        var intercept = context.Hyperparameters.GetDouble("metric");
        var slope = context.Hyperparameters.GetDouble("slope");
        var failAtStep = context.Hyperparameters.GetInt("fail_at_step");
        var failure = context.Hyperparameters.GetString("failure");
        var perStep = TimeSpan.FromMilliseconds((double)duration / steps);
        var ct = context.Cancellation;

        // A checkpoint holds nothing but its step: the loss is a function of the step.
        var first = context.Checkpoints.TryLoadLatest() is { } resumed ? resumed.Step + 1 : 1;
        for (var step = first; step <= steps; step++)
        {
            if (perStep > TimeSpan.Zero)
            {
                ct.WaitHandle.WaitOne(perStep);
            }

            ct.ThrowIfCancellationRequested();
            context.Metrics.Log("loss", intercept + slope * step, step);
            context.Log.LogInformation("step {Step}: loss {Loss:G6}", step, intercept + slope * step);
            if (step == failAtStep)
            {
                Fail(failure, step);
            }

            context.Checkpoints.SaveIfDue(() => new CheckpointData(step));
        }
    }

    private static void Fail(string failure, long step)
    {
        switch (failure)
        {
            case SleepAssignment.FailureCrash:
                Environment.FailFast($"sleep: crashing at step {step} as asked");
                break;
            case SleepAssignment.FailureHang:
                Thread.Sleep(Timeout.Infinite); // deaf to cancellation: only killing the process stops it
                break;
            default:
                throw new InvalidOperationException($"sleep: failing at step {step} as asked");
        }
    }
}
