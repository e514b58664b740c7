using Microsoft.AspNetCore.Components;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog;
using Platform.Contracts.Client;
using Platform.Contracts.Validation;
using Platform.Dashboard.Formatting;
using Platform.Dashboard.Pages;

namespace Platform.Dashboard.Submit;

/// <summary>
/// Sweep submission: pick an assignment, fill a form generated from its hyperparameter schema or edit the YAML directly.
/// The file is checked by the server's own parser and validator as the user types (debounced); a file with errors, or one
/// not yet checked, cannot be submitted. Starting the sweep opens its page.
/// </summary>
public partial class SubmitSweep
{
    /// <summary>How long typing must pause before the file is sent for checking.</summary>
    internal static readonly TimeSpan ValidationDelay = TimeSpan.FromMilliseconds(250);

    [SupplyParameterFromQuery(Name = "assignment")]
    public string? AssignmentId { get; set; }

    [Inject]
    private PlatformClient Platform { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<AssignmentDescriptor> Catalog { get; set; } = [];

    private SweepForm? Form { get; set; }

    private string Yaml { get; set; } = "";

    /// <summary>The server's answer for <see cref="CheckedYaml"/>; stale while the text differs from it.</summary>
    private SweepValidation? Validation { get; set; }

    private string? CheckedYaml { get; set; }

    private CancellationTokenSource? _pendingCheck;

    private bool Submitting { get; set; }

    private string? SubmitError { get; set; }

    private IReadOnlyList<ValidationError> Errors => Validation is { Valid: false } v && CheckedYaml == Yaml ? v.Errors : [];

    private bool Checked => Validation is not null && CheckedYaml == Yaml;

    private bool CanSubmit => Checked && Validation!.Valid && !Submitting && Yaml.Trim().Length > 0;

    private string ValidationState => Yaml.Trim().Length == 0 ? "" : !Checked ? "checking…"
        : Validation!.Valid ? Summary(Validation) : $"{Validation.Errors.Count} {(Validation.Errors.Count == 1 ? "problem" : "problems")}";

    protected override string Subject => "The assignment catalog";

    protected override async Task LoadAsync(CancellationToken ct)
    {
        Catalog = await Platform.ListAssignmentsAsync(ct);
        if (AssignmentId is not null && Form?.Assignment.Id != AssignmentId)
        {
            PickAssignment(AssignmentId);
        }
    }

    private void PickAssignment(string? id)
    {
        Form = Catalog.FirstOrDefault(a => a.Id == id) is { } assignment ? new SweepForm(assignment) : null;
        FormChanged();
    }

    private void FormChanged() => YamlEdited(Form is null ? "" : SweepYamlWriter.Write(Form));

    private void YamlEdited(string yaml)
    {
        Yaml = yaml;
        SubmitError = null;
        _pendingCheck?.Cancel();
        _pendingCheck?.Dispose();
        _pendingCheck = null;
        if (yaml.Trim().Length == 0)
        {
            return;
        }

        _pendingCheck = CancellationTokenSource.CreateLinkedTokenSource(Disposed);
        _ = CheckLaterAsync(yaml, _pendingCheck.Token);
    }

    private async Task CheckLaterAsync(string yaml, CancellationToken ct)
    {
        try
        {
            await Task.Delay(ValidationDelay, ct);
            var validation = await Platform.ValidateSweepAsync(yaml, ct);
            await InvokeAsync(() =>
            {
                if (!ct.IsCancellationRequested)
                {
                    (Validation, CheckedYaml) = (validation, yaml);
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // superseded by a newer edit, or the page went away
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            await InvokeAsync(() =>
            {
                SubmitError = ApiErrorText.Describe(e, "The check of the sweep file");
                StateHasChanged();
            });
        }
    }

    private async Task SubmitAsync()
    {
        if (!CanSubmit)
        {
            return;
        }

        Submitting = true;
        try
        {
            var result = await Platform.SubmitSweepAsync(Yaml, Disposed);
            Navigation.NavigateTo("sweeps/" + Uri.EscapeDataString(result.SweepId!));
        }
        catch (Exception e) when (ApiErrorText.IsApiFailure(e))
        {
            SubmitError = e is PlatformApiException api ? $"The sweep was not started: {api.Message}" : ApiErrorText.Describe(e, "The submission");
        }
        finally
        {
            Submitting = false;
        }
    }

    private static string Summary(SweepValidation v) =>
        $"valid · {v.Method} sweep of {v.Assignment}" + (v.GridTrials is { } n ? $", {n} {(n == 1 ? "trial" : "trials")}" : "");
}
