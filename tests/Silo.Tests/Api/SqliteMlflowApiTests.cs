using Platform.Silo.Store;

namespace Platform.Silo.Tests.Api;

/// <summary>The MLflow API contract on SQLite, with a local artifact root.</summary>
public sealed class SqliteMlflowApiTests : MlflowApiContractTests, IDisposable
{
    private readonly Platform.Testing.TempDirectory _dir = new("platform-api-sqlite");

    protected override Task<StoreOptions> StoreOptionsAsync() => Task.FromResult(new StoreOptions
    {
        Provider = "sqlite", SqlitePath = Path.Combine(_dir.Path, "tracking.db"), ArtifactRoot = Path.Combine(_dir.Path, "artifacts"),
    });

    public void Dispose() => _dir.Dispose();
}
