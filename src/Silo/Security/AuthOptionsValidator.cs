using Microsoft.Extensions.Options;

namespace Platform.Silo.Security;

/// <summary>Runs <see cref="AuthOptions.Validate"/> at start-up, so a bad limit fails the host instead of its first request.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
