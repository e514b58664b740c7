using Platform.Workers.Agent.Isolation;

namespace Platform.Workers.Tests.Agent;

public sealed class TrialRuntimeSettingsTests
{
    [Fact]
    public void A_trial_process_starts_without_dynamic_PGO()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };

        TrialRuntimeSettings.ApplyTo(environment);

        Assert.Equal("0", environment["DOTNET_TieredPGO"]);
        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.False(environment.ContainsKey("DOTNET_TC_QuickJitForLoops"));
    }

    [Fact]
    public void A_setting_of_the_agents_own_environment_is_kept()
    {
        var environment = new Dictionary<string, string?> { ["DOTNET_TieredPGO"] = "1" };

        TrialRuntimeSettings.ApplyTo(environment);

        Assert.Equal("1", environment["DOTNET_TieredPGO"]);
    }
}
