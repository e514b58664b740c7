using Platform.Cli.Local;
using Platform.Cli.Output;
using Platform.Contracts.Api;
using Platform.Contracts.Catalog;
using Platform.Contracts.Client;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;
using Platform.Workers.Data;

namespace Platform.Cli.Commands;

/// <summary>Submits runs to a remote platform or a local embedded one, waits for them to end and prints their results.</summary>
internal static class JobExecution
{
    public static async Task<int> SubmitAndWaitAsync(
        Func<PlatformClient, Task<SubmissionResult>> submit, string? server, EmbeddedPlatformOptions local, bool json, CancellationToken ct)
    {
        await using var embedded = server is null ? await EmbeddedPlatform.StartAsync(local, ct) : null;
        var client = embedded?.Client ?? new PlatformClient(PlatformHttp.ForServer(ParseServer(server!)));
        var result = await submit(client);
        // A sweep starts trials as it goes (random and bayes a few at a time): its full list of runs is known once it has ended.
        var runIds = result.SweepId is { } sweepId
            ? (await client.WaitForSweepAsync(sweepId, TimeSpan.FromMilliseconds(200), ct: ct)).RunIds
            : result.RunIds;
        var runs = await client.WaitForRunsAsync(runIds, TimeSpan.FromMilliseconds(200), ct);
        RunReport.Write(runs, json, Console.Out);

        var failed = 0;
        foreach (var run in runs.Where(r => r.Info.Status != RunStatus.FINISHED))
        {
            if (run.Data.Tag(TrialTags.Outcome) == TrialTags.Pruned)
            {
                // Pruned by the sweep's early stopping: it ended as designed, so it is said but is not a failure.
                Console.Error.WriteLine($"run {run.Info.RunId} pruned by early stopping: {run.Data.Tag(TrialTags.PruneReason) ?? "no reason recorded"}");
                continue;
            }

            failed++;
            Console.Error.WriteLine($"error: run {run.Info.RunId} {run.Info.Status}: {run.Data.Tag(PlatformTags.Error) ?? "no reason recorded"}");
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.RunFailed;
    }

    /// <summary>
    /// Local runs read data from this machine: when the assignment needs data files, the data directory must exist, checked before any
    /// run is created. A missing file inside it still fails the run with the file named.
    /// </summary>
    public static void CheckLocalDataDirectory(AssignmentDescriptor assignment, string? server, string? dataDir)
    {
        if (server is null && assignment.DataFiles.Count > 0)
        {
            var directory = DataDirectory.Resolve(dataDir);
            if (!Directory.Exists(directory.Root))
            {
                throw new CliError($"data directory '{directory.Root}' does not exist ({assignment.Id} needs {string.Join(", ", assignment.DataFiles)}; set --data-dir or {DataDirectory.EnvironmentVariable})");
            }
        }
    }

    /// <summary>A client of the platform at <paramref name="server"/>, which the remote-only verbs require; sends <c>$PLATFORM_TOKEN</c>.</summary>
    public static PlatformClient RemoteClient(string? server) =>
        new(PlatformHttp.ForServer(ParseServer(server ?? throw new CliError("--server is required: this verb talks to a running platform (see `platform up`)"))));

    private static Uri ParseServer(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.ToString().TrimEnd('/') + "/")
            : throw new CliError($"--server must be an http(s) URL, got '{server}'");
}
