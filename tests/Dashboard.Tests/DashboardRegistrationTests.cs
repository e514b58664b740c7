using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Contracts.Client;

namespace Platform.Dashboard.Tests;

public sealed class DashboardRegistrationTests
{
    [Fact]
    public async Task Registers_clients_that_call_the_configured_address()
    {
        var api = Fakes.SampleData.Create();
        var services = new ServiceCollection();
        services.AddPlatformDashboard(o => o.ApiBaseAddress = new Uri("http://platform.test/base"));
        // The test seam hosts use too: swap the primary handler of the dashboard's named client.
        services.AddHttpClient(DashboardOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => api);
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<PlatformClient>());
        var experiments = await provider.GetRequiredService<TrackingClient>().SearchExperimentsAsync();

        Assert.Equal(2, experiments.Count);
        Assert.Equal("POST /base/api/2.0/mlflow/experiments/search", api.Requests.Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/relative/path")]
    [InlineData("ftp://platform.test/")]
    public void Rejects_an_address_that_is_not_absolute_http(string? address)
    {
        var services = new ServiceCollection();
        services.AddPlatformDashboard(o => o.ApiBaseAddress = address is null ? null : new Uri(address, UriKind.RelativeOrAbsolute));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DashboardOptions>>().Value);

        Assert.Contains("Dashboard:ApiBaseAddress", error.Message);
    }
}
