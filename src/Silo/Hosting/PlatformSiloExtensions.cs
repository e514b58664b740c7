using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Silo.Api;
using Platform.Silo.Security;
using Platform.Silo.Store;
using Platform.Silo.Telemetry;

namespace Platform.Silo.Hosting;

/// <summary>Composition of the silo: store, Orleans, and the HTTP APIs. Hosts call these two and nothing else of the silo.</summary>
public static class PlatformSiloExtensions
{
    /// <param name="auth">Adjusts <see cref="AuthOptions"/> after the <c>Auth</c> section is bound; authentication is on unless turned off.</param>
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder, StoreOptions store, PlatformClusterOptions cluster,
        Action<AuthOptions>? auth = null)
    {
        var problems = cluster.Validate(store.ConnectionString).ToArray();
        if (problems.Length > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(PlatformClusterOptions.Section, typeof(PlatformClusterOptions), problems);
        }

        builder.Services.AddTrackingStore(store);
        builder.Services.AddHostedService<StoreMigrationService>(); // registered before Orleans so the schema exists first
        builder.Services.AddHostedService<BootstrapAdminTokenService>(); // after the migrations: it writes api_tokens
        builder.Services.AddTrackingApi();
        builder.Services.AddPlatformSecurity(auth);
        builder.Services.AddHealthChecks().AddTrackingStoreCheck().AddSiloCheck();
        if (cluster.FastFailover)
        {
            builder.Services.AddSingleton(ClusterMembershipTimings.FastRetryPolicy);
        }

        builder.UseOrleans(silo =>
        {
            silo.UsePlatformClustering(cluster, store);
            silo.AddIncomingGrainCallFilter<StoreFailureFilter>();
            silo.AddIncomingGrainCallFilter<GrainCallerCheck>();
            silo.AddIncomingGrainCallFilter<GrainCallCounter>();
        });
        return builder;
    }

    public static WebApplication MapPlatformApis(this WebApplication app)
    {
        // Every API endpoint is mapped under the secured group: a role policy and a body limit each (PlatformSecurityExtensions).
        var secured = app.MapSecuredGroup();
        app.UseTrackingApi(secured);
        app.UsePlatformSecurity();
        secured.MapPlatformApi();
        secured.MapTokenApi();
        return app;
    }
}
