namespace Platform.Silo.Tests.Security;

/// <summary>One secured silo shared by the role tests of a class (a silo takes seconds to start).</summary>
public sealed class SecuredPlatformFixture : IAsyncLifetime
{
    public SecuredPlatformHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SecuredPlatformHost.StartAsync(o =>
    {
        o.MaxRequestBodyBytes = 64 * 1024;
        o.MaxArtifactFileBytes = 100 * 1024;
        o.MaxRunArtifactBytes = 150 * 1024;
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
