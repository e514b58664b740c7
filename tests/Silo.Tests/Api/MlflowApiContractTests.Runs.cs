using System.Text.Json;

namespace Platform.Silo.Tests.Api;

public abstract partial class MlflowApiContractTests
{
    [Fact]
    public async Task Run_lifecycle_log_update_get_delete_restore()
    {
        var runId = await NewRun(name: "first");
        await PostOk("runs/log-metric", new { run_id = runId, key = "loss", value = 0.5, timestamp = 10, step = 1 });
        await PostOk("runs/log-metric", new { run_uuid = runId, key = "loss", value = 0.25, timestamp = 20, step = 2 });
        await PostOk("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.01" });
        await PostOk("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.01" });
        await PostOk("runs/set-tag", new { run_id = runId, key = "note", value = "x" });
        await PostOk("runs/set-tag", new { run_id = runId, key = "gone", value = "y" });
        await PostOk("runs/delete-tag", new { run_id = runId, key = "gone" });
        await PostOk("runs/log-batch", new
        {
            run_id = runId, unknown_field = 1,
            metrics = new[] { new { key = "acc", value = 0.9, timestamp = 5, step = 0 } },
            @params = new[] { new { key = "layers", value = "3" } },
            tags = new[] { new { key = "note", value = "z" } },
        });
        await PostOk("runs/log-inputs", new
        {
            run_id = runId,
            datasets = new[] { new { tags = new[] { new { key = "context", value = "train" } }, dataset = new { name = "cats", digest = "abc", source_type = "local", source = "/data" } } },
        });
        var updated = (await PostOk("runs/update", new { run_id = runId, status = "FINISHED", end_time = 99, run_name = "second" })).GetProperty("run_info");
        Assert.Equal("FINISHED", updated.GetProperty("status").GetString());
        Assert.Equal("second", updated.GetProperty("run_name").GetString());

        var run = await GetRun(runId);
        Assert.Equal(99, run.GetProperty("info").GetProperty("end_time").GetInt64());
        var data = run.GetProperty("data");
        var metrics = data.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value").GetDouble());
        Assert.Equal(0.25, metrics["loss"]);
        Assert.Equal(0.9, metrics["acc"]);
        var tags = data.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value").GetString());
        Assert.Equal("z", tags["note"]);
        Assert.Equal("second", tags["mlflow.runName"]);
        Assert.False(tags.ContainsKey("gone"));
        Assert.Equal("cats", run.GetProperty("inputs").GetProperty("dataset_inputs")[0].GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal(runId, (await GetOk($"runs/get?run_uuid={runId}")).GetProperty("run").GetProperty("info").GetProperty("run_uuid").GetString());

        await PostOk("runs/delete", new { run_id = runId });
        Assert.Equal("deleted", (await GetRun(runId)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
        AssertError(await Post("runs/log-metric", new { run_id = runId, key = "loss", value = 1, timestamp = 1 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/update", new { run_id = runId, status = "FAILED" }), 400, "INVALID_PARAMETER_VALUE");
        await PostOk("runs/restore", new { run_id = runId });
        await PostOk("runs/log-metric", new { run_id = runId, key = "loss", value = 1, timestamp = 1 });
    }

    [Fact]
    public async Task Run_errors_match_mlflow()
    {
        const string missing = "00000000000000000000000000000000";
        AssertError(await Get($"runs/get?run_id={missing}"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Get("runs/get"), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/create", new { experiment_id = "987654321" }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("runs/update", new { run_id = missing, status = "FINISHED" }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("runs/delete", new { run_id = missing }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("runs/restore", new { run_id = missing }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("runs/log-metric", new { run_id = missing, key = "m", value = 1, timestamp = 1 }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("runs/log-batch", new { run_id = missing }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Get($"metrics/get-history?run_id={missing}&metric_key=m"), 404, "RESOURCE_DOES_NOT_EXIST");

        var runId = await NewRun();
        await PostOk("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.01" });
        AssertError(await Post("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.02" }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-metric", new { run_id = runId, key = "m", timestamp = 1 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-metric", new { run_id = runId, value = 1, timestamp = 1 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-metric", new { run_id = runId, key = "../up", value = 1, timestamp = 1 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-parameter", new { run_id = runId, key = new string('k', 251), value = "v" }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-parameter", new { run_id = runId, key = "big", value = new string('v', 6001) }), 400, "INVALID_PARAMETER_VALUE");
        await PostOk("runs/log-parameter", new { run_id = runId, key = "big", value = new string('v', 6000) });
        AssertError(await Post("runs/set-tag", new { run_id = runId, key = "t", value = new string('v', 8001) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/delete-tag", new { run_id = runId, key = "never-set" }), 404, "RESOURCE_DOES_NOT_EXIST");
        // A JSON null inside a list is a missing value, a status given as a number a body that does not fit: 400s, not 500s.
        AssertError(await Post("runs/log-batch", new { run_id = runId, @params = new object?[] { null } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-batch", new { run_id = runId, tags = new object?[] { null } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/create", new { experiment_id = "0", tags = new object?[] { null } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/create", new { name = "null-tag", tags = new object?[] { null } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/update", new { run_id = runId, status = 42 }), 400, "BAD_REQUEST");
        AssertError(await Post("runs/set-tag", new { run_id = runId, key = "t", value = "a\0b" }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/create", new { name = new string('e', 257) }), 400, "INVALID_PARAMETER_VALUE");
        Assert.Equal("RUNNING", (await GetOk($"runs/get?run_id={runId}")).GetProperty("run").GetProperty("info").GetProperty("status").GetString());
        AssertError(await Post("runs/log-metric", new { key = "m", value = 1, timestamp = 1 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await PostRaw("runs/log-metric", "{not json"), 400, "BAD_REQUEST");
        AssertError(await Post("runs/log-inputs", new { run_id = runId, datasets = new[] { new { dataset = new { name = "d" } } } }), 400, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Log_batch_enforces_mlflow_limits_and_writes_nothing_on_error()
    {
        var runId = await NewRun();
        object Metrics(int n) => Enumerable.Range(0, n).Select(i => new { key = "m", value = i, timestamp = 1, step = i }).ToArray();
        object Pairs(int n) => Enumerable.Range(0, n).Select(i => new { key = $"k{i}", value = "v" }).ToArray();
        AssertError(await Post("runs/log-batch", new { run_id = runId, metrics = Metrics(1001) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-batch", new { run_id = runId, @params = Pairs(101) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-batch", new { run_id = runId, tags = Pairs(101) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-batch", new { run_id = runId, metrics = Metrics(901), @params = Pairs(100) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/log-batch", new { run_id = runId, @params = new[] { new { key = "a", value = "1" }, new { key = "a", value = "2" } } }),
            400, "INVALID_PARAMETER_VALUE");
        await PostOk("runs/log-batch", new { run_id = runId, metrics = Metrics(1000) });
        await PostOk("runs/log-batch", new { run_id = runId, metrics = Metrics(1000) }); // a retry adds nothing
        var history = await GetOk($"metrics/get-history?run_id={runId}&metric_key=m");
        Assert.Equal(1000, history.GetProperty("metrics").GetArrayLength());
    }

    [Fact]
    public async Task Metric_history_pages_and_non_finite_values_round_trip_in_both_json_forms()
    {
        var runId = await NewRun();
        // Bare tokens, as MLflow's Python client sends them, and the quoted proto3 forms.
        const string points =
            "[{\"key\": \"x\", \"value\": NaN, \"timestamp\": 1, \"step\": 0}, {\"key\": \"x\", \"value\": Infinity, \"timestamp\": 1, \"step\": 1}, " +
            "{\"key\": \"x\", \"value\": -Infinity, \"timestamp\": 1, \"step\": 2}, {\"key\": \"x\", \"value\": \"NaN\", \"timestamp\": 1, \"step\": 3}, " +
            "{\"key\": \"x\", \"value\": 2.5, \"timestamp\": 1, \"step\": 4}]";
        var (status, body) = await PostRaw("runs/log-batch",
            "{\"run_id\": \"" + runId + "\", \"metrics\": " + points + ", \"tags\": [{\"key\": \"t\", \"value\": \"NaN Infinity\"}]}");
        Assert.True(status == System.Net.HttpStatusCode.OK, body.ToString());
        var all = (await GetOk($"metrics/get-history?run_id={runId}&metric_key=x")).GetProperty("metrics");
        Assert.Equal(["NaN", "Infinity", "-Infinity", "NaN"], all.EnumerateArray().Take(4).Select(m => m.GetProperty("value").GetString()));
        Assert.Equal("NaN Infinity", (await GetRun(runId)).GetProperty("data").GetProperty("tags").EnumerateArray()
            .Single(t => t.GetProperty("key").GetString() == "t").GetProperty("value").GetString());

        var steps = new List<long>();
        string? token = null;
        do
        {
            var page = await GetOk($"metrics/get-history?run_id={runId}&metric_key=x&max_results=2" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}"));
            steps.AddRange(page.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("step").GetInt64()));
            token = page.TryGetProperty("next_page_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        while (token is not null);
        Assert.Equal([0L, 1, 2, 3, 4], steps);
        AssertError(await Get($"metrics/get-history?run_id={runId}&metric_key=x&page_token=bad"), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Get($"metrics/get-history?run_id={runId}"), 400, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Ajax_api_prefix_serves_the_same_api()
    {
        var response = await Read(await Http.GetAsync($"ajax-api/2.0/mlflow/experiments/get?experiment_id={await NewExperiment()}"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Item1);
    }
}
