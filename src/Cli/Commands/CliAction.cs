using Microsoft.Extensions.Options;
using Platform.Contracts.Api;
using Platform.Contracts.Validation;

namespace Platform.Cli.Commands;

/// <summary>Runs a verb and turns every expected failure into <c>error: …</c> on stderr and an exit code.</summary>
internal static class CliAction
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliError e)
        {
            return Fail(e.Message, e.ExitCode);
        }
        catch (PlatformValidationException e)
        {
            return Fail(e.Message, ExitCodes.BadInput);
        }
        catch (OptionsValidationException e)
        {
            // Bad configuration of a hosted platform (e.g. Auth:BootstrapAdminToken): its message names the keys, never their values.
            return Fail(e.Message, ExitCodes.BadInput);
        }
        catch (PlatformApiException e)
        {
            return Fail($"{e.Message} ({e.ErrorCode})", ExitCodes.BadInput);
        }
        catch (HttpRequestException e)
        {
            return Fail($"cannot reach the platform: {e.Message}", ExitCodes.RunFailed);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", ExitCodes.RunFailed);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        foreach (var line in message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.Error.WriteLine($"error: {line.TrimEnd()}");
        }

        return exitCode;
    }
}
