using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Pages;

/// <summary>
/// A page that stays current by itself: after its first render a server-side timer reloads it every
/// <see cref="DashboardOptions.LiveRefreshInterval"/> and re-renders, and Blazor Server pushes the difference down the circuit.
/// The browser never polls. Refreshing stops when <see cref="IsLive"/> turns false (a sweep that ended) and when the page goes away.
/// </summary>
public abstract class LiveApiPage : ApiPage
{
    [Inject]
    private IOptions<DashboardOptions> Options { get; set; } = default!;

    /// <summary>A failed refresh: the page keeps what it showed and says why it is not current.</summary>
    protected string? LiveError { get; private set; }

    /// <summary>Whether the page still changes; once false the timer stops.</summary>
    protected abstract bool IsLive { get; }

    /// <summary>Reloads in place (no "Loading…" in between); by default the page's own load.</summary>
    protected virtual Task RefreshAsync(CancellationToken ct) => LoadAsync(ct);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RefreshLoopAsync(Disposed);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Options.Value.LiveRefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (Loading || Error is not null)
                {
                    continue; // the page's own load is under way, or failed and shows why
                }

                if (!IsLive)
                {
                    return;
                }

                // On the circuit's dispatcher, so a refresh never interleaves with an event handler or a render.
                await InvokeAsync(async () =>
                {
                    try
                    {
                        await RefreshAsync(ct);
                        LiveError = null;
                    }
                    catch (Exception e) when (ApiErrorText.IsApiFailure(e) && !ct.IsCancellationRequested)
                    {
                        LiveError = ApiErrorText.Describe(e, "The latest state");
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // the circuit ended between two ticks
        }
    }
}
