using Microsoft.Extensions.Options;

namespace Platform.Dashboard;

/// <summary>Runs <see cref="DashboardOptions.Validate"/> through the options pipeline so a bad address fails at startup, not on the first page view.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
