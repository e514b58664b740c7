using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Workers.Jobs;

namespace Platform.Workers.Agent;

/// <summary>
/// The worker agent: asks the scheduler for work it can run, up to <see cref="WorkerAgentOptions.CpuSlots"/> trials at once,
/// and hands each lease to the <see cref="TrialRunner"/>.
/// </summary>
public sealed class WorkerAgent(
    IGrainFactory grains,
    TrialRunner runner,
    TrackingClient tracking,
    WorkerAgentOptions options,
    ILogger<WorkerAgent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var assignments = JobRegistry.All.Select(j => j.Descriptor.Id).ToArray();
        // One CPU slot and no GPU needs no placement: the scheduler hands out one trial per request. More slots, or GPUs, are
        // advertised so it can pack trials by their needs.
        var gpus = GpuInventory.Resolve(options);
        var capacity = options.CpuSlots > 1 || gpus.Count > 0 ? new WorkerCapacity(options.WorkerId, options.CpuSlots, gpus, assignments) : null;
        var offer = new WorkerOffer(options.WorkerId, assignments, capacity);
        var scheduler = grains.GetGrain<ISchedulerGrain>(0);
        var running = new List<Task>();
        await WaitForApiAsync(stoppingToken);

        // Running trials stop with this token, not the agent's: a drain lets them run on for the grace period first.
        using var handBack = new CancellationTokenSource();
        using var drain = stoppingToken.Register(() =>
        {
            logger.LogInformation("Worker {WorkerId} draining: no new trials; running ones get {Grace} before they are handed back",
                options.WorkerId, options.DrainGracePeriod);
            handBack.CancelAfter(options.DrainGracePeriod);
        });
        logger.LogInformation("Worker {WorkerId} ready for {Count} job types on {Device}, {Slots} trial(s) at once, GPUs: {Gpus}",
            options.WorkerId, assignments.Length, options.Device, options.CpuSlots,
            gpus.Count == 0 ? "none" : string.Join(", ", gpus.Select(g => $"cuda:{g.Index} ({g.MemoryMiB} MiB)")));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                if (running.Count >= options.CpuSlots)
                {
                    await Task.WhenAny(running).WaitAsync(stoppingToken);
                    continue;
                }

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

                running.Add(runner.RunAsync(lease, handBack.Token));
            }
        }
        finally
        {
            // Stopping: each runner finishes within the grace period or hands its trial back (a retryable outcome).
            await Task.WhenAll(running);
        }
    }

    /// <summary>
    /// Trials log, checkpoint and tag through the API from their first moment, so the agent takes none before the API answers
    /// (in one process the silo's recovered trials are otherwise leased before the HTTP server listens). An API that answers
    /// but cannot serve yet (503 while its database restarts) is waited for too, instead of stopping the agent.
    /// </summary>
    private async Task WaitForApiAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await tracking.SearchExperimentsAsync(1, ct);
                return;
            }
            catch (Exception e) when (TransientRetry.IsTransient(e) && !ct.IsCancellationRequested)
            {
                if (attempt == 10)
                {
                    logger.LogWarning("Worker {WorkerId} is waiting for the API at {Api}: {Message}", options.WorkerId, options.ApiBaseAddress, e.Message);
                }

                await Task.Delay(options.PollInterval, ct);
            }
        }
    }
}
