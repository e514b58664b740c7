using Bunit;
using Platform.Contracts.Api;
using Platform.Dashboard.Cluster;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Cluster;

public sealed class ClusterPageTests : DashboardTestContext
{
    private const long At = SampleData.T0 + 60_000;

    [Fact]
    public void Lists_workers_with_capacity_trials_and_heartbeat_and_the_queue_in_order()
    {
        Api.Cluster = new ClusterView(
        [
            new WorkerView("gpu-box-1", 8, [new GpuView(0, 24_576), new GpuView(1, 24_576)], 10, true,
                [new WorkerTrialView(SampleData.FinishedRunId, "5eedc0de", "c2w3-signs-mlp", "5eedc0de-1", At - 12_000, 2, "0 (0.5, 4096 MiB)")], At - 400, true),
            new WorkerView("laptop-42", 1, [], 10, false, [], At - 95_000, false),
        ],
        [
            new QueuedTrialView(1, SampleData.RunningRunId, "5eedc0de", "c2w3-signs-mlp", "5eedc0de-2", "1", At - 3_000),
            new QueuedTrialView(2, SampleData.FailedRunId, null, "sleep", null, "1", At - 1_000),
        ], At);

        var cut = Render<ClusterPage>();

        var rows = cut.WaitForElements("[data-testid=worker-row]", 2);
        Assert.Equal("2 / 8", rows[0].QuerySelector("[data-testid=cpu]")!.TextContent);
        Assert.Equal("#0 (24 GiB), #1 (24 GiB)", rows[0].QuerySelector("[data-testid=gpus]")!.TextContent);
        Assert.Contains("5eedc0de-1", rows[0].QuerySelector("[data-testid=worker-trials]")!.TextContent);
        Assert.Contains("GPU 0 (0.5, 4096 MiB)", rows[0].QuerySelector("[data-testid=worker-trials]")!.TextContent);
        Assert.Equal("400 ms ago", rows[0].QuerySelector("[data-testid=heartbeat]")!.TextContent);
        Assert.Equal("0 / 1*", rows[1].QuerySelector("[data-testid=cpu]")!.TextContent);
        Assert.Equal("1m 35s ago", rows[1].QuerySelector("[data-testid=heartbeat]")!.TextContent);
        Assert.Contains("stale", rows[1].ClassName);
        Assert.Equal(["1 5eedc0de-2", "2 f00dfeed"], cut.FindAll("[data-testid=queue-row]").Select(r => string.Join(' ', r.QuerySelectorAll("td").Take(2).Select(c => c.TextContent.Trim()))));
    }

    [Fact]
    public void Follows_the_scheduler_live()
    {
        var cut = Render<ClusterPage>();
        cut.WaitForElement("[data-testid=no-workers]");

        Api.Cluster = new ClusterView([new WorkerView("w1", 1, [], 1, false, [], At, true)], [], At);

        cut.WaitForElement("[data-testid=worker-row]");
        Assert.NotNull(cut.Find("[data-testid=queue-empty]"));
    }
}
