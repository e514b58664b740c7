using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts.Tracking;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Api;

/// <summary>
/// The MLflow REST API through real HTTP, written from MLflow's documented behaviour, run on each store by a subclass.
/// Tests share one server and database per class, so each works in its own uniquely named experiment.
/// </summary>
public abstract partial class MlflowApiContractTests : IAsyncLifetime
{
    protected const string Api = "api/2.0/mlflow/";

    protected TrackingApiHost Host { get; private set; } = null!;

    protected HttpClient Http => Host.Http;

    protected abstract Task<StoreOptions> StoreOptionsAsync();

    public async Task InitializeAsync() => Host = await TrackingApiHost.StartAsync(await StoreOptionsAsync());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    protected async Task<JsonElement> PostOk(string path, object body)
    {
        var (status, json) = await Post(path, body);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {json}");
        return json;
    }

    protected async Task<(HttpStatusCode Status, JsonElement Json)> Post(string path, object body) =>
        await Read(await Http.PostAsJsonAsync(Api + path, body, TrackingJson.Options));

    protected async Task<(HttpStatusCode Status, JsonElement Json)> PostRaw(string path, string json) =>
        await Read(await Http.PostAsync(Api + path, new StringContent(json, Encoding.UTF8, "application/json")));

    protected async Task<(HttpStatusCode Status, JsonElement Json)> Get(string pathAndQuery) => await Read(await Http.GetAsync(Api + pathAndQuery));

    protected async Task<JsonElement> GetOk(string pathAndQuery)
    {
        var (status, json) = await Get(pathAndQuery);
        Assert.True(status == HttpStatusCode.OK, $"{pathAndQuery}: {(int)status} {json}");
        return json;
    }

    protected static async Task<(HttpStatusCode, JsonElement)> Read(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    /// <summary>Asserts MLflow's error shape: the status, the error_code, and a message.</summary>
    protected static void AssertError((HttpStatusCode Status, JsonElement Json) response, int status, string code)
    {
        Assert.True((int)response.Status == status, $"expected {status} {code}, got {(int)response.Status} {response.Json}");
        Assert.Equal(code, response.Json.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("message").GetString()));
    }

    protected async Task<string> NewExperiment() =>
        (await PostOk("experiments/create", new { name = Unique("exp") })).GetProperty("experiment_id").GetString()!;

    protected async Task<string> NewRun(string? experimentId = null, long startTime = 1000, string? name = null) =>
        (await PostOk("runs/create", new { experiment_id = experimentId ?? await NewExperiment(), start_time = startTime, run_name = name }))
        .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;

    protected async Task<JsonElement> GetRun(string runId) => (await GetOk($"runs/get?run_id={runId}")).GetProperty("run");
}
