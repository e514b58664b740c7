using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Client;
using Platform.Dashboard.Security;

namespace Platform.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard: Razor components with interactive server rendering, and the platform API clients
    /// (<see cref="PlatformClient"/>, <see cref="TrackingClient"/>) over a named <see cref="HttpClient"/>
    /// (<see cref="DashboardOptions.HttpClientName"/>) whose base address is <see cref="DashboardOptions.ApiBaseAddress"/>.
    /// </summary>
    public static IServiceCollection AddPlatformDashboard(this IServiceCollection services, Action<DashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<DashboardOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>());

        // The runs table computes the duration of running runs from "now"; tests substitute a fixed clock.
        services.TryAddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();

        services.AddHttpClient(DashboardOptions.HttpClientName, (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<DashboardOptions>>().Value;
            http.BaseAddress = options.NormalizedBaseAddress();
            http.Timeout = options.RequestTimeout;
        });

        // With a login, the signed-in user's token goes with every call (DashboardLogin), so the API authorizes that user.
        var probe = new DashboardOptions();
        configure(probe);
        if (probe.RequireLogin)
            DashboardLogin.AddServices(services);

        // Transient: IHttpClientFactory owns handler lifetimes, so each client is cheap and never holds a stale connection pool.
        services.TryAddTransient(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(DashboardOptions.HttpClientName);
            DashboardLogin.Authorize(http, DashboardLogin.UserToken(sp));
            return new PlatformClient(http);
        });
        services.TryAddTransient(sp => sp.GetRequiredService<PlatformClient>().Tracking);
        return services;
    }
}
