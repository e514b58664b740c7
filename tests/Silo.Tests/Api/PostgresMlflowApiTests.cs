using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Api;

/// <summary>The MLflow API contract on PostgreSQL (the shared test server, a database of this class's own), with a local artifact root.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMlflowApiTests(PostgresServer server) : MlflowApiContractTests, IDisposable
{
    private readonly Platform.Testing.TempDirectory _dir = new("platform-api-pg");

    protected override async Task<StoreOptions> StoreOptionsAsync() => new()
    {
        Provider = "postgres", ConnectionString = await server.CreateDatabaseAsync("mlflow_api"), ArtifactRoot = Path.Combine(_dir.Path, "artifacts"),
    };

    public void Dispose() => _dir.Dispose();
}
