using Platform.Workers.Agent;

namespace Platform.Workers.Tests.Agent;

public sealed class WorkerAgentOptionsTests
{
    [Fact]
    public void Fallback_addresses_follow_the_base_address_in_their_order()
    {
        var options = new WorkerAgentOptions
        {
            ApiBaseAddress = new Uri("http://silo1:8080/"),
            ApiFallbackAddresses = " http://silo2:8080/ ,https://silo3/,",
        };

        Assert.Empty(options.Validate());
        Assert.Equal([new Uri("http://silo1:8080/"), new Uri("http://silo2:8080/"), new Uri("https://silo3/")], options.ApiAddresses);
    }

    [Theory]
    [InlineData("silo2:8080")]
    [InlineData("ftp://silo2/")]
    [InlineData("http://silo2/, /relative")]
    public void A_fallback_address_that_is_not_an_http_url_is_refused_by_name(string fallbacks)
    {
        var options = new WorkerAgentOptions { ApiBaseAddress = new Uri("http://silo1:8080/"), ApiFallbackAddresses = fallbacks };

        var problem = Assert.Single(options.Validate());
        Assert.StartsWith("Worker:ApiFallbackAddresses must be absolute http(s) URLs separated by commas, got '", problem);
    }
}
