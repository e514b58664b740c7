using System.Net.Http.Json;
using Platform.Contracts.Api;

namespace Platform.Silo.Tests.Api;

public abstract partial class MlflowApiContractTests
{
    [Fact]
    public async Task Run_logs_append_in_batches_and_read_after_a_cursor()
    {
        var runId = await NewRun();
        var logs = $"api/platform/v1/runs/{runId}/logs";
        var stored = (await Read(await Http.PostAsJsonAsync(logs, new
        {
            source = "worker-1",
            lines = Enumerable.Range(1, 5).Select(i => new { timestamp = 1000 + i, message = $"line {i}" }),
        })));
        Assert.Equal(5, stored.Item2.GetProperty("stored").GetInt32());

        var (status, first) = await Read(await Http.GetAsync($"{logs}?limit=3"));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var lines = first.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(["line 1", "line 2", "line 3"], lines.Select(l => l.GetProperty("message").GetString()));
        Assert.All(lines, l => Assert.Equal("worker-1", l.GetProperty("source").GetString()));
        Assert.Equal(1001, lines[0].GetProperty("timestamp").GetInt64());
        Assert.Equal("RUNNING", first.GetProperty("run_status").GetString());
        var next = first.GetProperty("next_after").GetInt64();
        Assert.Equal(lines[2].GetProperty("id").GetInt64(), next);

        var rest = (await Read(await Http.GetAsync($"{logs}?after={next}"))).Item2;
        Assert.Equal(["line 4", "line 5"], rest.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        var end = (await Read(await Http.GetAsync($"{logs}?after={rest.GetProperty("next_after").GetInt64()}"))).Item2;
        Assert.Empty(end.GetProperty("lines").EnumerateArray());
        Assert.Equal(rest.GetProperty("next_after").GetInt64(), end.GetProperty("next_after").GetInt64());
    }

    [Fact]
    public async Task Run_logs_refuse_bad_input_naming_the_field()
    {
        var runId = await NewRun();
        var logs = $"api/platform/v1/runs/{runId}/logs";
        var line = new[] { new { timestamp = 1, message = "x" } };
        AssertError(await Read(await Http.PostAsJsonAsync("api/platform/v1/runs/nope/logs", new { source = "w", lines = line })), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Read(await Http.GetAsync("api/platform/v1/runs/nope/logs")), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new { lines = line })), "source");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new { source = RunLogLimits.PlatformSource, lines = line })), "source");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new { source = "w" })), "lines");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new { source = "w", lines = new[] { new { timestamp = 1 } } })), "message");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new
        {
            source = "w",
            lines = Enumerable.Range(0, RunLogLimits.MaxLinesPerBatch + 1).Select(i => new { timestamp = 1, message = "x" }),
        })), "lines");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new { source = "w", lines = line, batch_id = "" })), "batch_id");
        AssertMessage(await Read(await Http.PostAsJsonAsync(logs, new
        {
            source = "w", lines = line, batch_id = new string('b', RunLogLimits.MaxBatchIdChars + 1),
        })), "batch_id");
        AssertMessage(await Read(await Http.GetAsync($"{logs}?limit=0")), "limit");
        AssertMessage(await Read(await Http.GetAsync($"{logs}?after=-1")), "after");
    }

    private static void AssertMessage((System.Net.HttpStatusCode Status, System.Text.Json.JsonElement Json) response, string field)
    {
        AssertError(response, 400, "INVALID_PARAMETER_VALUE");
        Assert.Contains(field, response.Json.GetProperty("message").GetString());
    }
}
