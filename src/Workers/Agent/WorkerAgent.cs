using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Grains;
using Platform.Workers.Jobs;

namespace Platform.Workers.Agent;

/// <summary>
/// The worker agent: asks the scheduler for work it can run, one trial at a time, and hands each lease to the <see cref="TrialRunner"/>.
/// </summary>
public sealed class WorkerAgent(
    IGrainFactory grains,
    TrialRunner runner,
    WorkerAgentOptions options,
    ILogger<WorkerAgent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var offer = new WorkerOffer(options.WorkerId, JobRegistry.All.Select(j => j.Descriptor.Id).ToArray());
        var scheduler = grains.GetGrain<ISchedulerGrain>(0);
        logger.LogInformation("Worker {WorkerId} ready for {Count} job types on {Device}", options.WorkerId, offer.Assignments.Count, options.Device);
        while (!stoppingToken.IsCancellationRequested)
        {
            TrialLease? lease;
            try
            {
                lease = await scheduler.TryLease(offer);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may still be starting or briefly unreachable: wait and ask again.
                logger.LogWarning("Worker {WorkerId} could not reach the scheduler: {Message}", options.WorkerId, e.Message);
                await Task.Delay(options.PollInterval * 5, stoppingToken);
                continue;
            }

            if (lease is null)
            {
                await Task.Delay(options.PollInterval, stoppingToken);
                continue;
            }

            await runner.RunAsync(lease, stoppingToken);
        }
    }
}
