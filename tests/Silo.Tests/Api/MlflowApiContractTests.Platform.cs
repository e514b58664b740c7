using System.Text;

namespace Platform.Silo.Tests.Api;

public abstract partial class MlflowApiContractTests
{
    [Fact]
    public async Task Metric_summaries_and_downsampled_history()
    {
        var runId = await NewRun();
        var points = Enumerable.Range(0, 1000).Select(i => new { key = "loss", value = i == 500 ? 99.0 : Math.Sin(i / 50.0), timestamp = 1, step = i }).ToArray();
        await PostOk("runs/log-batch", new { run_id = runId, metrics = points });
        var summaries = (await Read(await Http.GetAsync($"api/platform/v1/runs/{runId}/metric-summaries"))).Item2.GetProperty("summaries");
        var loss = summaries[0];
        Assert.Equal("loss", loss.GetProperty("key").GetString());
        Assert.Equal(99.0, loss.GetProperty("max").GetDouble());
        Assert.Equal(points.Min(p => p.value), loss.GetProperty("min").GetDouble(), 9);
        Assert.Equal(999, loss.GetProperty("last").GetProperty("step").GetInt64());
        Assert.Equal(1000, loss.GetProperty("count").GetInt64());

        var (status, sampled) = await Read(await Http.GetAsync($"api/platform/v1/runs/{runId}/metrics/loss?max_points=100"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(1000, sampled.GetProperty("total_points").GetInt32());
        var kept = sampled.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(100, kept.Count);
        Assert.Contains(kept, m => m.GetProperty("value").GetDouble() == 99.0); // the spike survives
        AssertError(await Read(await Http.GetAsync("api/platform/v1/runs/nope/metric-summaries")), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Read(await Http.GetAsync($"api/platform/v1/runs/{runId}/metrics/loss?max_points=0")), 400, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Histories_of_several_runs_in_one_request()
    {
        var first = await NewRun();
        var second = await NewRun();
        await PostOk("runs/log-batch", new { run_id = first, metrics = Enumerable.Range(0, 300).Select(i => new { key = "loss", value = 1.0 / (i + 1), timestamp = 1, step = i }) });
        await PostOk("runs/log-batch", new { run_id = second, metrics = new[] { new { key = "acc", value = 0.5, timestamp = 1, step = 0 } } });

        var (status, json) = await Read(await Http.PostAsync("api/platform/v1/runs/histories/search", new StringContent(
            $$"""{"run_ids": ["{{first}}", "nope", "{{second}}"], "max_points": 50}""", Encoding.UTF8, "application/json")));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var runs = json.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([first, second], runs.Select(r => r.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()));
        var loss = runs[0].GetProperty("histories")[0];
        Assert.Equal(("loss", 300, 50), (loss.GetProperty("key").GetString(), loss.GetProperty("total_points").GetInt32(), loss.GetProperty("metrics").GetArrayLength()));
        Assert.Equal("acc", runs[1].GetProperty("histories")[0].GetProperty("key").GetString());

        var tooMany = string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"r{i}\""));
        AssertError(await Read(await Http.PostAsync("api/platform/v1/runs/histories/search", new StringContent(
            $$"""{"run_ids": [{{tooMany}}]}""", Encoding.UTF8, "application/json"))), 400, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Permanent_deletion_removes_runs_and_experiments()
    {
        var exp = await NewExperiment();
        var run = await NewRun(exp);
        var other = await NewRun(exp);
        await PostOk("runs/log-batch", new { run_id = run, metrics = new[] { new { key = "m", value = 1, timestamp = 1, step = 0 } } });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.DeleteAsync($"api/platform/v1/runs/{run}")).StatusCode);
        AssertError(await Get($"runs/get?run_id={run}"), 404, "RESOURCE_DOES_NOT_EXIST");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.DeleteAsync($"api/platform/v1/experiments/{exp}")).StatusCode);
        AssertError(await Get($"runs/get?run_id={other}"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Get($"experiments/get?experiment_id={exp}"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Read(await Http.DeleteAsync($"api/platform/v1/runs/{run}")), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Artifacts_upload_download_list_and_delete_through_the_proxy()
    {
        var runId = await NewRun();
        var run = await GetRun(runId);
        var exp = run.GetProperty("info").GetProperty("experiment_id").GetString();
        var prefix = $"api/2.0/mlflow-artifacts/artifacts/{exp}/{runId}/artifacts";
        var content = new byte[300_000];
        new Random(1).NextBytes(content);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.PutAsync($"{prefix}/model/weights.bin", new ByteArrayContent(content))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.PutAsync($"{prefix}/notes.txt", new StringContent("hi", Encoding.UTF8))).StatusCode);
        Assert.Equal(content, await Http.GetByteArrayAsync($"{prefix}/model/weights.bin"));

        var top = await GetOk($"artifacts/list?run_id={runId}");
        Assert.EndsWith($"{exp}/{runId}/artifacts", top.GetProperty("root_uri").GetString());
        Assert.Equal(["model", "notes.txt"], top.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var nested = await GetOk($"artifacts/list?run_id={runId}&path=model");
        var weights = nested.GetProperty("files")[0];
        Assert.Equal("model/weights.bin", weights.GetProperty("path").GetString());
        Assert.Equal(300_000, weights.GetProperty("file_size").GetInt64());
        var proxyList = (await Read(await Http.GetAsync($"api/2.0/mlflow-artifacts/artifacts?path={exp}/{runId}/artifacts/model"))).Item2;
        Assert.Equal("weights.bin", proxyList.GetProperty("files")[0].GetProperty("path").GetString());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.DeleteAsync($"{prefix}/notes.txt")).StatusCode);
        AssertError(await Read(await Http.GetAsync($"{prefix}/notes.txt")), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Read(await Http.DeleteAsync($"{prefix}/notes.txt")), 404, "RESOURCE_DOES_NOT_EXIST");
    }

    [Theory]
    [InlineData("api/2.0/mlflow-artifacts/artifacts/a/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("api/2.0/mlflow-artifacts/artifacts/a/..%2F..%2Fescape")]
    [InlineData("api/2.0/mlflow-artifacts/artifacts/a/%252e%252e/%252e%252e/escape")]
    [InlineData("api/2.0/mlflow-artifacts/artifacts/%2Fetc/passwd")]
    [InlineData("api/2.0/mlflow-artifacts/artifacts/a%5C..%5C..%5Cescape")]
    public async Task Artifact_proxy_refuses_path_traversal(string url)
    {
        var put = await Read(await Http.PutAsync(url, new StringContent("x")));
        Assert.True((int)put.Item1 is 400 or 404, $"PUT {url}: {(int)put.Item1}");
        var get = await Read(await Http.GetAsync(url));
        Assert.True((int)get.Item1 is 400 or 404, $"GET {url}: {(int)get.Item1}");
        Assert.False(File.Exists("/tmp/escape"));
    }
}
