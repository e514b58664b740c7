using Microsoft.Extensions.Hosting;
using Platform.Silo.Store;

namespace Platform.Silo.Hosting;

/// <summary>Applies the store's schema migrations when the host starts, before the silo activates any grain.</summary>
internal sealed class StoreMigrationService(ITrackingStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
