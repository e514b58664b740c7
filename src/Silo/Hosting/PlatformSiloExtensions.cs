using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Silo.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Hosting;

/// <summary>Composition of the silo: store, Orleans, and the HTTP APIs. Hosts call these two and nothing else of the silo.</summary>
public static class PlatformSiloExtensions
{
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder, StoreOptions store, PlatformClusterOptions cluster)
    {
        var problems = cluster.Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(PlatformClusterOptions.Section, typeof(PlatformClusterOptions), problems);
        }

        builder.Services.AddTrackingStore(store);
        builder.Services.AddHostedService<StoreMigrationService>(); // registered before Orleans so the schema exists first
        builder.Services.AddTrackingApi();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        });
        return builder;
    }

    public static WebApplication MapPlatformApis(this WebApplication app)
    {
        app.UseTrackingApi();
        app.MapPlatformApi();
        return app;
    }
}
