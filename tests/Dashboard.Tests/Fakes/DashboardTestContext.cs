using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts.Client;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>A bUnit context whose API clients talk to a <see cref="FakeTrackingApi"/> and whose clock is fixed.</summary>
public abstract class DashboardTestContext : BunitContext
{
    // bUnit waits 1 s by default. CI runs the test projects side by side on two cores, where a debounced sweep validation
    // (250 ms) and its fake API call once took longer. A wait returns as soon as its assertion holds, so only failures wait longer.
    static DashboardTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected DashboardTestContext()
    {
        Services.AddSingleton(new PlatformClient(Api.CreateClient()));
        Services.AddSingleton(sp => sp.GetRequiredService<PlatformClient>().Tracking);
        Services.AddSingleton<TimeProvider>(new FixedClock(SampleData.Now));
        // Live pages refresh quickly in tests, so a change in the fake shows up within a WaitForAssertion.
        Services.AddSingleton(Options.Create(new DashboardOptions { ApiBaseAddress = Api.CreateClient().BaseAddress, LiveRefreshInterval = TimeSpan.FromMilliseconds(50) }));
        // As in the browser once the circuit is up (pages disable input while they are only prerendered). Last: it builds the services.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected FakeTrackingApi Api { get; } = SampleData.Create();
}
