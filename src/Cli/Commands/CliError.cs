namespace Platform.Cli.Commands;

/// <summary>A problem to report as one line on stderr with a non-zero exit code, never as a stack trace.</summary>
internal sealed class CliError(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int RunFailed = 1;
    public const int BadInput = 2;
}
