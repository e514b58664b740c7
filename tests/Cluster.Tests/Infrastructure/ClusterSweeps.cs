using System.Globalization;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>The sweeps the cluster tests submit (grids of <c>sleep</c> trials) and waiting for workers to join.</summary>
public static class ClusterSweeps
{
    /// <summary>A grid of <paramref name="trials"/> <c>sleep</c> trials (metric 1.0, 2.0, …), each logging <paramref name="steps"/> points.</summary>
    public static string Sleep(string name, int trials, int durationMs, int steps) => $"""
        assignment: sleep
        name: {name}
        method: grid
        metric:
          name: loss
          goal: minimize
        parameters:
          metric:
            values: [{string.Join(", ", Enumerable.Range(1, trials).Select(i => i.ToString("F1", CultureInfo.InvariantCulture)))}]
          duration_ms:
            value: {durationMs}
          steps:
            value: {steps}
        """;

    /// <summary>Waits until the scheduler has seen every named worker poll.</summary>
    public static async Task WaitForWorkersAsync(LoopbackCluster cluster, params string[] workers)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var seen = (await cluster.Client.GetClusterAsync()).Workers.Where(w => w.Alive).Select(w => w.WorkerId).ToHashSet();
            if (workers.All(seen.Contains))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"workers {string.Join(", ", workers)} did not poll in 120 s:\n{cluster.AllOutput()}");
            await Task.Delay(250);
        }
    }
}
