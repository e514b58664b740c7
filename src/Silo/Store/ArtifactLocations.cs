using Platform.Contracts.Api;
using Platform.Silo.Artifacts;

namespace Platform.Silo.Store;

/// <summary>
/// Checks an experiment's requested <c>artifact_location</c> against what this server's artifact store can serve: a folder under
/// the artifact root, given as a relative path, an absolute path or <c>file:</c> URI under the root, or MLflow's proxied
/// <c>mlflow-artifacts:/path</c>. The stored form is <c>{root}/{relative}</c>, like the default <c>{root}/{experiment_id}</c>, so
/// listing, the proxy and permanent deletion find it. Pure: no I/O.
/// </summary>
public static class ArtifactLocations
{
    /// <summary>The location to store, or an INVALID_PARAMETER_VALUE <see cref="TrackingStoreException"/> naming the problem.</summary>
    public static string Resolve(string requested, string? artifactRoot)
    {
        if (string.IsNullOrWhiteSpace(artifactRoot))
            throw Invalid(requested, "this server has no artifact root (Store:ArtifactRoot), so it cannot store artifacts anywhere");
        var root = artifactRoot.TrimEnd('/');
        string relative;
        if (requested.StartsWith("mlflow-artifacts:", StringComparison.OrdinalIgnoreCase))
        {
            var path = requested["mlflow-artifacts:".Length..];
            // mlflow-artifacts://host:port/path names a server; only the path part is ours.
            if (path.StartsWith("//", StringComparison.Ordinal))
                path = path.IndexOf('/', 2) is var slash and > 0 ? path[slash..] : "";
            relative = Normalize(requested, path.TrimStart('/'));
        }
        else if (requested.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || requested.StartsWith('/'))
        {
            if (StoreServiceCollectionExtensions.LocalArtifactRoot(artifactRoot) is not { } localRoot)
                throw Invalid(requested, "the artifact root is not on the local file system");
            string local;
            try
            {
                local = requested.StartsWith('/') ? requested : new Uri(requested).LocalPath;
            }
            catch (UriFormatException)
            {
                throw Invalid(requested, "not a valid file: URI");
            }
            var rootPath = localRoot.TrimEnd('/') + "/";
            // Checked before any normalisation: '..' must be refused, not resolved, or it could still name something outside.
            if (!local.StartsWith(rootPath, StringComparison.Ordinal))
                throw Invalid(requested, $"it must be a folder under the artifact root '{localRoot}'");
            relative = Normalize(requested, local[rootPath.Length..]);
        }
        else if (requested.IndexOf(':') is var colon and > 0 && requested.IndexOf('/') is var firstSlash && (firstSlash < 0 || colon < firstSlash))
        {
            throw Invalid(requested, $"scheme '{requested[..colon]}' is not supported by this server's artifact store " +
                                     "(supported: a path under the artifact root, file: under the root, mlflow-artifacts:)");
        }
        else
        {
            relative = Normalize(requested, requested);
        }
        if (relative.Length == 0)
            throw Invalid(requested, "it must name a folder below the artifact root, not the root itself");
        // The first level holds the experiments' default folders ({root}/{id}); a number there would share another experiment's files.
        var first = relative.Split('/')[0];
        if (first.All(char.IsAsciiDigit))
            throw Invalid(requested, $"the first folder '{first}' is reserved for experiment ids' default locations");
        return $"{root}/{relative}";
    }

    /// <summary>
    /// The stored location that <paramref name="location"/> would share or nest with, if any. Deleting an experiment for good
    /// deletes its folder, so two experiments must never own the same files.
    /// </summary>
    public static string? Overlapping(string location, IEnumerable<string> existing) =>
        existing.FirstOrDefault(e => e.Length > 0 &&
            (e == location || e.StartsWith(location + "/", StringComparison.Ordinal) || location.StartsWith(e + "/", StringComparison.Ordinal)));

    private static string Normalize(string requested, string path)
    {
        try
        {
            return ArtifactPath.Normalize(path);
        }
        catch (ArtifactPathException e)
        {
            throw Invalid(requested, e.Message);
        }
    }

    private static TrackingStoreException Invalid(string requested, string why) =>
        new(ErrorCodes.InvalidParameterValue, $"Invalid artifact_location '{requested}': {why}");
}
