using Platform.Contracts.Api;
using Platform.Silo.Api;
using Platform.Silo.Artifacts;

namespace Platform.Silo.Security;

/// <summary>
/// The per-run artifact limit: an upload under <c>{experiment}/{run}/…</c> may write at most what is left of
/// <see cref="AuthOptions.MaxRunArtifactBytes"/> after the run's files already stored. (The per-file limit is the upload's request
/// body limit, which the server enforces.) Sizes are counted as the body streams, so chunked uploads are limited too.
/// A file outside any run folder (fewer than three path segments) is refused: it would belong to no quota.
/// Left open: concurrent uploads to one run each see the same remaining allowance, and the run folder is not checked
/// against the store, so a made-up <c>{experiment}/{run}</c> starts a fresh allowance.
/// </summary>
public static class ArtifactQuota
{
    public static async Task<Stream> LimitAsync(IArtifactStore store, string path, Stream body, long? contentLength, long maxRunBytes, CancellationToken ct)
    {
        var segments = path.Split('/');
        if (segments.Length < 3)
            throw new ApiRequestException(ErrorCodes.InvalidParameterValue, $"Invalid artifact path '{path}': artifacts are written under {{experiment}}/{{run}}/…");
        var runRoot = $"{segments[0]}/{segments[1]}";
        var left = maxRunBytes - await SizeAsync(store, runRoot, ct);
        if (contentLength > left)
            throw TooLarge(runRoot, maxRunBytes);
        return new QuotaStream(body, Math.Max(0, left), () => TooLarge(runRoot, maxRunBytes));
    }

    private static async Task<long> SizeAsync(IArtifactStore store, string folder, CancellationToken ct)
    {
        long total = 0;
        foreach (var entry in await store.ListAsync(folder, ct))
            total += entry.IsDir ? await SizeAsync(store, entry.Path, ct) : entry.FileSize ?? 0;
        return total;
    }

    private static ApiRequestException TooLarge(string runRoot, long maxRunBytes) =>
        new(ErrorCodes.RequestTooLarge, $"Artifacts of run folder '{runRoot}' would exceed the per-run limit of {maxRunBytes} bytes (Auth:MaxRunArtifactBytes)");
}
