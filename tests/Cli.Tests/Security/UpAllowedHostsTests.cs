using System.Net;
using Platform.Cli.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cli.Tests.Security;

/// <summary><c>platform up --allowed-hosts</c>: names a proxy or port forward sends, answered besides loopback's.</summary>
public sealed class UpAllowedHostsTests
{
    [Fact]
    public async Task Up_answers_the_host_names_given_with_allowed_hosts_too()
    {
        using var home = new TempDirectory("platform-up-hosts");
        await using var up = await PlatformUpProcess.StartAsync(home.Path, null, "--allowed-hosts", "forward.example, *.tunnel.example");

        Assert.Equal(HttpStatusCode.OK, await LocalHostFilteringTests.StatusForHostAsync(up.BaseAddress, "forward.example"));
        Assert.Equal(HttpStatusCode.OK, await LocalHostFilteringTests.StatusForHostAsync(up.BaseAddress, "me.tunnel.example"));
        Assert.Equal(HttpStatusCode.OK, await LocalHostFilteringTests.StatusForHostAsync(up.BaseAddress, "localhost"));
        Assert.Equal(HttpStatusCode.BadRequest, await LocalHostFilteringTests.StatusForHostAsync(up.BaseAddress, "attacker.example"));
    }

    [Theory]
    [InlineData("forward.example:8080")]
    [InlineData("https://forward.example")]
    public async Task Up_refuses_an_allowed_host_that_is_not_a_host_name(string value)
    {
        using var home = new TempDirectory("platform-up-hosts");
        await using var up = await PlatformUpProcess.StartAsync(home.Path, null, "--allowed-hosts", value);

        Assert.True(up.Exited);
        Assert.NotEqual(0, up.ExitCode);
        Assert.Contains($"--allowed-hosts: '{value}' is not a host name", up.Output);
        Assert.DoesNotContain("   at ", up.Output); // a one-line error, no stack trace
    }
}
