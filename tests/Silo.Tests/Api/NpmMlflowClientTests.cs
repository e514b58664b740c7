using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Silo.Tests.Api;

/// <summary>
/// Compatibility with a client the project does not own: the npm <c>mlflow</c> package, run by Node.js against the API on
/// loopback, must succeed on every call it makes (the script asserts each answer and exits non-zero on the first failure).
/// </summary>
public sealed class NpmMlflowClientTests(NpmMlflowPackage package) : IClassFixture<NpmMlflowPackage>, IDisposable
{
    private static readonly string[] ExpectedCalls =
    [
        "experiments.create", "experiments.get", "experiments.update", "experiments.list", "experiments.get",
        "runs.create", "runs.logMetric", "runs.logParameter", "runs.setTag", "runs.deleteTag", "runs.logBatch", "runs.get",
        "metrics.getHistory", "runs.search", "runs.update", "artifacts.list", "runs.delete", "runs.restore", "experiments.delete",
        "experiments.restore",
    ];

    private readonly TempDirectory _dir = new("platform-npm-compat");

    [Fact]
    public async Task Npm_mlflow_client_succeeds_on_every_call()
    {
        await using var host = await TrackingApiHost.StartAsync(new StoreOptions
        {
            Provider = "sqlite", SqlitePath = Path.Combine(_dir.Path, "t.db"), ArtifactRoot = Path.Combine(_dir.Path, "artifacts"),
        });
        var script = Path.Combine(AppContext.BaseDirectory, "Api", "Compat", "mlflow-npm-client.js");
        var (code, output) = await NpmMlflowPackage.RunAsync("node", [script, host.BaseAddress.ToString()], _dir.Path, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["NODE_PATH"] = package.NodeModules });
        Assert.True(code == 0, output);
        var callsLine = output.Split('\n').Single(l => l.StartsWith("CALLS ", StringComparison.Ordinal));
        var calls = System.Text.Json.JsonSerializer.Deserialize<string[]>(callsLine["CALLS ".Length..])!;
        Assert.Equal(ExpectedCalls, calls);
    }

    public void Dispose() => _dir.Dispose();
}
