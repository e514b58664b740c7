using Microsoft.AspNetCore.Components;
using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Pages;

/// <summary>
/// The loading/error cycle every page shares: cancel the previous load when parameters change or the page goes away,
/// and turn API failures into a message instead of an unhandled exception (which would kill the circuit).
/// </summary>
public abstract class ApiPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _cts;

    /// <summary>Cancelled when the page goes away (navigation, closed circuit): background work of the page stops with it.</summary>
    protected CancellationToken Disposed => _disposed.Token;

    protected bool Loading { get; private set; } = true;

    protected string? Error { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        _cts?.Cancel();
        _cts?.Dispose();
        var cts = _cts = new CancellationTokenSource();
        Loading = true;
        Error = null;
        try
        {
            await LoadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            Error = ApiErrorText.Describe(e, Subject);
        }

        Loading = false;
    }

    /// <summary>What the page loads, for error messages, e.g. "Run 'abc'".</summary>
    protected abstract string Subject { get; }

    protected abstract Task LoadAsync(CancellationToken ct);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _cts?.Cancel();
        _cts?.Dispose();
        GC.SuppressFinalize(this);
    }
}
