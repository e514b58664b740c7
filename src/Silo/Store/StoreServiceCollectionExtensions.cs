using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Silo.Artifacts;
using Platform.Silo.Store.Postgres;
using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Store;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ITrackingStore"/> chosen by <paramref name="options"/> as a singleton (both stores are thread-safe).
    /// Validates eagerly so a misconfigured host fails at startup, not at its first request. Callers still run
    /// <see cref="ITrackingStore.MigrateAsync"/> once at startup.
    /// </summary>
    public static IServiceCollection AddTrackingStore(this IServiceCollection services, StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        services.AddSingleton(options);
        if (options.Provider == "postgres")
        {
            // The data source owns the connection pool; the container disposes it with the host.
            services.AddSingleton(_ => PostgresTrackingStore.CreateDataSource(options.ConnectionString!));
            services.AddSingleton<ITrackingStore>(sp => new PostgresTrackingStore(sp.GetRequiredService<NpgsqlDataSource>(), options.ArtifactRoot));
        }
        else
        {
            services.AddSingleton<ITrackingStore>(_ => new SqliteTrackingStore(options.SqlitePath!, options.ArtifactRoot));
        }
        // Artifacts live on the local file system when the root is a plain path or a file: URI; an object-store root needs its own IArtifactStore.
        if (LocalArtifactRoot(options.ArtifactRoot) is { } localRoot)
            services.AddSingleton<IArtifactStore>(_ => new LocalArtifactStore(localRoot));
        return services;
    }

    /// <summary>The folder of a local artifact root (a path or a file: URI), or null for none or a remote one.</summary>
    public static string? LocalArtifactRoot(string? artifactRoot)
    {
        if (string.IsNullOrWhiteSpace(artifactRoot))
            return null;
        if (artifactRoot.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new Uri(artifactRoot).LocalPath;
        return artifactRoot.Contains("://", StringComparison.Ordinal) ? null : artifactRoot;
    }
}
