using Platform.Contracts.Api;
using Platform.Silo.Api;
using Platform.Silo.Artifacts;

namespace Platform.Silo.Security;

/// <summary>
/// The per-run artifact limit: an upload under <c>{experiment}/{run}/…</c> may write at most what is left of
/// <see cref="AuthOptions.MaxRunArtifactBytes"/> after the run's files already stored. (The per-file limit is the upload's request
/// body limit, which the server enforces.) Sizes are counted as the body streams, so chunked uploads are limited too.
/// A file outside any run folder (fewer than three path segments) is refused: it would belong to no quota.
/// Uploads to one run folder take turns within a silo, so each sees what the one before it stored; silos do not coordinate,
/// and the run folder is not checked against the store, so a made-up <c>{experiment}/{run}</c> starts a fresh allowance.
/// </summary>
public static class ArtifactQuota
{
    /// <summary>Per run folder being written: its gate and how many uploads hold or wait for it (the entry goes with the last).</summary>
    private static readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> Turns = new(StringComparer.Ordinal);

    /// <summary>Writes <paramref name="body"/> at <paramref name="path"/> if it fits the run folder's allowance, else throws 413.</summary>
    public static async Task WriteAsync(IArtifactStore store, string path, Stream body, long? contentLength, long maxRunBytes, CancellationToken ct)
    {
        var segments = path.Split('/');
        if (segments.Length < 3)
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue, $"Invalid artifact path '{path}': artifacts are written under {{experiment}}/{{run}}/…");
        var runRoot = $"{segments[0]}/{segments[1]}";
        var gate = Enter(runRoot);
        try
        {
            await gate.WaitAsync(ct);
            try
            {
                var left = maxRunBytes - await SizeAsync(store, runRoot, ct);
                if (contentLength > left)
                    throw TooLarge(runRoot, maxRunBytes);
                await store.WriteAsync(path, new QuotaStream(body, Math.Max(0, left), () => TooLarge(runRoot, maxRunBytes)), ct);
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            Leave(runRoot);
        }
    }

    private static async Task<long> SizeAsync(IArtifactStore store, string folder, CancellationToken ct)
    {
        long total = 0;
        foreach (var entry in await store.ListAsync(folder, ct))
            total += entry.IsDir ? await SizeAsync(store, entry.Path, ct) : entry.FileSize ?? 0;
        return total;
    }

    private static SemaphoreSlim Enter(string runRoot)
    {
        lock (Turns)
        {
            var (gate, users) = Turns.TryGetValue(runRoot, out var turn) ? turn : (new SemaphoreSlim(1, 1), 0);
            Turns[runRoot] = (gate, users + 1);
            return gate;
        }
    }

    private static void Leave(string runRoot)
    {
        lock (Turns)
        {
            var (gate, users) = Turns[runRoot];
            if (users == 1)
                Turns.Remove(runRoot);
            else
                Turns[runRoot] = (gate, users - 1);
        }
    }

    private static ApiRequestException TooLarge(string runRoot, long maxRunBytes) =>
        new(ErrorCodes.RequestTooLarge, $"Artifacts of run folder '{runRoot}' would exceed the per-run limit of {maxRunBytes} bytes (Auth:MaxRunArtifactBytes)");
}
