using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Api;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

/// <summary>The grains' entry points check the caller the API hands them, whatever the API did before.</summary>
public sealed class GrainCallerCheckTests(SecuredPlatformFixture fixture) : IClassFixture<SecuredPlatformFixture>
{
    [Fact]
    public async Task A_caller_without_the_role_or_ownership_is_refused_by_the_grain_itself()
    {
        var alice = new PlatformClient(fixture.Host.Client(await fixture.Host.TokenAsync(PlatformRole.Submitter, "grain-alice")));
        var sweepId = (await alice.SubmitSweepAsync("""
            assignment: sleep
            method: grid
            parameters:
              duration_ms: {values: [60000]}
            """)).SweepId!;
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();

        var refused = await RunAsAsync(new PlatformCaller("grain-bob", PlatformRole.Submitter, "b"), () => grains.GetGrain<ISweepGrain>(sweepId).Pause());
        Assert.Contains("'grain-bob' (role submitter) may not control sweep", refused.Message);
        refused = await RunAsAsync(new PlatformCaller("viewer", PlatformRole.Viewer, "v"),
            () => grains.GetGrain<ITrialGrain>(Guid.NewGuid().ToString("N")).Start(new TrialSpec("x", "e", "sleep", new Dictionary<string, string>())));
        Assert.Contains("needs submitter", refused.Message);

        // The owner passes the grain's check; calls from inside the cluster (no caller) are not the API's and pass too.
        await Task.Run(async () =>
        {
            GrainCallerCheck.Set(new PlatformCaller("grain-alice", PlatformRole.Submitter, "a"));
            Assert.Null(await grains.GetGrain<ISweepGrain>(sweepId).Pause());
        });
        Assert.Equal(SweepStates.Cancelled, (await alice.CancelSweepAsync(sweepId)).State);
    }

    private static Task<UnauthorizedAccessException> RunAsAsync(PlatformCaller caller, Func<Task> call) =>
        Task.Run(() =>
        {
            GrainCallerCheck.Set(caller);
            return Assert.ThrowsAsync<UnauthorizedAccessException>(call);
        });
}
