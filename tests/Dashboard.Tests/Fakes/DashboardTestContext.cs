using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Client;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>A bUnit context whose API clients talk to a <see cref="FakeTrackingApi"/> and whose clock is fixed.</summary>
public abstract class DashboardTestContext : BunitContext
{
    protected DashboardTestContext()
    {
        Services.AddSingleton(new PlatformClient(Api.CreateClient()));
        Services.AddSingleton(sp => sp.GetRequiredService<PlatformClient>().Tracking);
        Services.AddSingleton<TimeProvider>(new FixedClock(SampleData.Now));
    }

    protected FakeTrackingApi Api { get; } = SampleData.Create();
}
