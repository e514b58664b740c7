using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Cluster;

/// <summary>The scheduler's view of the cluster, live: workers with their capacity, trials and last heartbeat, and the queue.</summary>
public partial class ClusterPage
{
    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    private ClusterView? View { get; set; }

    protected override string Subject => "The cluster";

    protected override bool IsLive => true;

    protected override async Task LoadAsync(CancellationToken ct) => View = await Platform.GetClusterAsync(ct);

    /// <summary>CPU slots in use: what the grants say, or one per trial for a worker that advertises no capacity.</summary>
    private static int Used(WorkerView w) => w.Trials.Sum(t => t.CpuSlots ?? 1);

    /// <summary>Ages against the snapshot's own clock, so the page and the scheduler never disagree about "now".</summary>
    private string Ago(long at) => DisplayFormat.Duration(TimeSpan.FromMilliseconds(Math.Max(0, View!.At - at))) + " ago";
}
