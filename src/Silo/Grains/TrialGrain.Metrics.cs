using Microsoft.Extensions.DependencyInjection;
using Platform.Silo.Sweeps.Lifecycle;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Grains;

/// <summary>Trials by state: each activation counts its own trial once, in its latest state (a lease, which is not written
/// to the store, included).</summary>
public sealed partial class TrialGrain
{
    private TrialState? _countedState;

    private void CountState(TrialState state)
    {
        ServiceProvider.GetService<PlatformMetrics>()?.TrialStateChanged(_countedState, state);
        _countedState = state;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken ct)
    {
        ServiceProvider.GetService<PlatformMetrics>()?.TrialDeactivated(_countedState);
        _countedState = null;
        return base.OnDeactivateAsync(reason, ct);
    }
}
