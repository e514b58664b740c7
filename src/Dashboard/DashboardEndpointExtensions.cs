using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Platform.Dashboard;

public static class DashboardEndpointExtensions
{
    /// <summary>
    /// Maps the dashboard pages (<see cref="App"/>) with interactive server rendering.
    /// The host must also call <c>UseAntiforgery()</c> and <c>MapStaticAssets()</c> (for dashboard.css and blazor.web.js).
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder MapPlatformDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
