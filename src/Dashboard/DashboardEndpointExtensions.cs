using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Platform.Dashboard.Artifacts;

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
        ArtifactEndpoint.Map(endpoints);
        return endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
