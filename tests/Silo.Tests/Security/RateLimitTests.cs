using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Each_token_has_its_own_budget_and_is_answered_429_with_Retry_After_when_it_is_spent()
    {
        await using var host = await SecuredPlatformHost.StartAsync(o => o.RequestsPerMinutePerToken = 3);
        using var busy = host.Client(await host.TokenAsync(PlatformRole.Viewer, "busy"));
        using var calm = host.Client(await host.TokenAsync(PlatformRole.Viewer, "calm"));
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await busy.GetAsync("api/platform/v1/whoami");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                refused = response;
        }

        Assert.NotNull(refused);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("api/platform/v1/whoami")).StatusCode);
    }
}
