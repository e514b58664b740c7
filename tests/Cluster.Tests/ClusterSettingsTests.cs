using System.Diagnostics;
using Platform.Silo.Hosting;

namespace Platform.Cluster.Tests;

/// <summary>Cluster settings are checked before anything starts, and every problem names its configuration key.</summary>
public sealed class ClusterSettingsTests
{
    [Fact]
    public void Postgres_membership_takes_the_store_connection_string_unless_it_has_its_own()
    {
        var cluster = new PlatformClusterOptions { Membership = "postgres" };
        Assert.Equal("Host=store", cluster.MembershipConnectionString("Host=store"));
        Assert.Empty(cluster.Validate("Host=store"));

        cluster.ConnectionString = "Host=membership";
        Assert.Equal("Host=membership", cluster.MembershipConnectionString("Host=store"));
    }

    [Fact]
    public void Every_bad_setting_is_named()
    {
        var problems = new PlatformClusterOptions { Membership = "zookeeper", AdvertisedIp = "pod", SiloPort = 30000, ClusterId = "" }.Validate().ToArray();

        Assert.Contains("Cluster:Membership must be 'localhost' or 'postgres', got 'zookeeper'", problems);
        Assert.Contains("Cluster:AdvertisedIp must be an IP address, got 'pod'", problems);
        Assert.Contains("Cluster:SiloPort and Cluster:GatewayPort must differ, both are 30000", problems);
        Assert.Contains("Cluster:ClusterId must not be empty", problems);
        Assert.Contains(new PlatformClusterOptions { Membership = "postgres" }.Validate(null),
            p => p == "Cluster:ConnectionString (or Store:ConnectionString) is required when Cluster:Membership is 'postgres'");
    }

    [Fact]
    public async Task A_silo_with_bad_settings_exits_2_naming_the_keys_before_starting_anything()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "platform.dll"), "silo", "--Cluster:Membership=postgres", "--Store:Provider=postgres" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("error: Store:ConnectionString is required when Store:Provider is 'postgres'", await stderr);
        Assert.Contains("error: Cluster:ConnectionString (or Store:ConnectionString) is required when Cluster:Membership is 'postgres'", await stderr);
    }
}
