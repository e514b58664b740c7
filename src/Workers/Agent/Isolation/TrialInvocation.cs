namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// What a trial process needs to run one trial, sent as JSON on its standard input (never on the command line, where other
/// users of the machine could read it).
/// </summary>
public sealed record TrialInvocation(
    string RunId,
    string Assignment,
    IReadOnlyDictionary<string, string> Params,
    string? DataDirectory,
    string Device,
    IReadOnlyList<Uri> ApiAddresses,
    string? WatchMetric,
    string? ApiToken = null,
    TimeSpan? CheckpointInterval = null)
{
    // A record prints every property; the API token must never reach a log or an error message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"RunId = {RunId}, Assignment = {Assignment}, Device = {Device}, ApiAddresses = {string.Join(", ", ApiAddresses)}, ApiToken = {(ApiToken is null ? "null" : "(hidden)")}");
        return true;
    }
}
