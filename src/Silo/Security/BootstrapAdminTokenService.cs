using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Silo.Security;

/// <summary>
/// Stores <see cref="AuthOptions.BootstrapAdminToken"/> when the silo starts, so a cluster's first admin can come from a secret
/// rather than from a shell on a machine holding the store. Registered after the store migration service (it needs api_tokens).
/// Logs the token's public id only, never its value.
/// </summary>
internal sealed class BootstrapAdminTokenService(IApiTokenStore store, IOptions<AuthOptions> options, ILogger<BootstrapAdminTokenService> logger)
    : IHostedService
{
    private const string Setting = $"{AuthOptions.Section}:BootstrapAdminToken";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A malformed value already failed the start (AuthOptionsValidator); here it is well-formed or absent.
        if (options.Value.ConfiguredBootstrapAdminToken is not { } value)
            return;
        var id = ApiTokenSecrets.TokenIdOf(value);
        switch (await ApiTokenIssuer.EnsureConfiguredAdminAsync(store, value, cancellationToken))
        {
            case BootstrapOutcome.Created:
                logger.LogInformation("Stored the admin token {TokenId} ('{Name}') from {Setting}", id, ApiTokenIssuer.ConfiguredBootstrapName, Setting);
                break;
            case BootstrapOutcome.AlreadyActive:
                logger.LogDebug("The admin token {TokenId} from {Setting} is already stored", id, Setting);
                break;
            default:
                logger.LogWarning("A token with id {TokenId} exists but is revoked or holds another value: {Setting} does not authenticate. " +
                                  "Set a new value (`platform token generate`) or remove the setting", id, Setting);
                break;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
