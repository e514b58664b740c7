using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Dashboard.Artifacts;
using Platform.Dashboard.Security;

namespace Platform.Dashboard;

public static class DashboardEndpointExtensions
{
    /// <summary>
    /// Maps the dashboard pages (<see cref="App"/>) with interactive server rendering, and the endpoint that streams
    /// run artifacts from the platform API (<see cref="ArtifactPaths.EndpointPrefix"/>) for images and downloads.
    /// The host must also call <c>UseAntiforgery()</c> and <c>MapStaticAssets()</c> (for dashboard.css and blazor.web.js).
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapPlatformDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<DashboardOptions>>().Value.RequireLogin)
        {
            ArtifactEndpoint.Map(endpoints);
            return endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        }

        // Every page and the artifact stream need a signed-in user; /login and /logout do not.
        LoginEndpoints.Map(endpoints);
        ArtifactEndpoint.Map(endpoints).RequireAuthorization(DashboardLogin.Policy);
        return endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(DashboardLogin.Policy);
    }
}
