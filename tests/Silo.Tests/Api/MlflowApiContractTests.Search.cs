using System.Text.Json;

namespace Platform.Silo.Tests.Api;

public abstract partial class MlflowApiContractTests
{
    private async Task<string[]> SearchNames(string experimentId, string? filter, string[]? orderBy = null, string viewType = "ACTIVE_ONLY")
    {
        var json = await PostOk("runs/search", new { experiment_ids = new[] { experimentId }, filter, order_by = orderBy ?? [], run_view_type = viewType });
        return json.TryGetProperty("runs", out var runs)
            ? runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()!).ToArray()
            : [];
    }

    [Fact]
    public async Task Runs_search_applies_the_filter_grammar_order_and_view_type()
    {
        var exp = await NewExperiment();
        foreach (var (name, acc, lr, tag, start) in new[] { ("a", 0.95, "0.01", "Alpha", 3L), ("b", 0.80, "0.1", "beta", 2), ("c", 0.91, "0.01", "gamma", 1) })
        {
            var id = await NewRun(exp, start, name);
            await PostOk("runs/log-batch", new
            {
                run_id = id,
                metrics = new[] { new { key = "acc", value = acc, timestamp = 1, step = 0 }, new { key = "my metric", value = acc * 10, timestamp = 1, step = 0 } },
                @params = new[] { new { key = "lr", value = lr } },
                tags = new[] { new { key = "t", value = tag } },
            });
        }
        var b = (await PostOk("runs/search", new { experiment_ids = new[] { exp }, filter = "attributes.run_name = 'b'" })).GetProperty("runs")[0];
        await PostOk("runs/update", new { run_id = b.GetProperty("info").GetProperty("run_id").GetString(), status = "FINISHED" });

        Assert.Equal(["a", "b", "c"], await SearchNames(exp, null));
        Assert.Equal(["a", "c"], await SearchNames(exp, "metrics.acc > 0.9"));
        Assert.Equal(["a"], await SearchNames(exp, "metrics.acc > 0.9 and params.lr = '0.01' AND tags.t LIKE 'A%'"));
        Assert.Equal(["a"], await SearchNames(exp, "tags.t ILIKE 'alp%'"));
        Assert.Equal(["b"], await SearchNames(exp, "tags.t LIKE '%et%'"));
        Assert.Empty(await SearchNames(exp, "tags.t LIKE 'alpha'")); // LIKE is case-sensitive on both stores
        Assert.Equal(["b"], await SearchNames(exp, "attributes.status = 'FINISHED'"));
        Assert.Equal(["a", "c"], await SearchNames(exp, "attributes.status != 'FINISHED'"));
        Assert.Equal(["b"], await SearchNames(exp, "params.lr != '0.01'"));
        Assert.Equal(["a"], await SearchNames(exp, "attributes.run_name ILIKE 'A'"));
        Assert.Equal(["a", "c"], await SearchNames(exp, "attributes.`run name` != 'b'"));
        Assert.Equal(["b"], await SearchNames(exp, "params.'lr' = '0.1'"));
        Assert.Equal(["c"], await SearchNames(exp, "metrics.`my metric` < 9.2 and metrics.`my metric` >= 9"));
        Assert.Equal(["b", "c"], await SearchNames(exp, "attributes.start_time <= 2"));
        Assert.Equal(["b", "c", "a"], await SearchNames(exp, null, ["metrics.acc ASC"]));
        Assert.Equal(["a", "c", "b"], await SearchNames(exp, null, ["metrics.acc DESC"]));
        Assert.Equal(["a", "c", "b"], await SearchNames(exp, null, ["params.lr", "attributes.start_time DESC"]));
        Assert.Equal(["c", "b", "a"], await SearchNames(exp, null, ["attributes.start_time ASC"]));

        var a = (await PostOk("runs/search", new { experiment_ids = new[] { exp }, filter = "attributes.run_name = 'a'" })).GetProperty("runs")[0];
        await PostOk("runs/delete", new { run_id = a.GetProperty("info").GetProperty("run_id").GetString() });
        Assert.Equal(["b", "c"], await SearchNames(exp, null));
        Assert.Equal(["a"], await SearchNames(exp, null, viewType: "DELETED_ONLY"));
        Assert.Equal(["a", "b", "c"], await SearchNames(exp, null, viewType: "ALL"));
    }

    [Fact]
    public async Task Runs_search_filters_run_ids_with_in_lists_and_time_and_user_attributes()
    {
        var exp = await NewExperiment();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
            ids.Add((await PostOk("runs/create", new { experiment_id = exp, start_time = 10 + i, run_name = $"r{i}", user_id = i % 2 == 0 ? "ann" : "bob" }))
                .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);
        await PostOk("runs/update", new { run_id = ids[1], status = "FINISHED", end_time = 500 });

        Assert.Equal(["r2", "r0"], await SearchNames(exp, $"attributes.run_id IN ('{ids[0]}', '{ids[2]}')"));
        Assert.Equal(["r3", "r1"], await SearchNames(exp, $"run_id NOT IN ('{ids[0]}', \"{ids[2]}\")"));
        Assert.Equal(["r1"], await SearchNames(exp, $"attributes.run_id = '{ids[1]}'"));
        Assert.Equal(["r3", "r1"], await SearchNames(exp, "attributes.user_id = 'bob'"));
        Assert.Equal(["r2", "r0"], await SearchNames(exp, "attributes.user_id ILIKE 'AN%'"));
        Assert.Equal(["r1", "r0"], await SearchNames(exp, "attributes.start_time < 12"));
        Assert.Equal(["r2", "r1"], await SearchNames(exp, "attributes.created >= 11 and attributes.created <= 12"));
        Assert.Equal(["r1"], await SearchNames(exp, "attributes.end_time = 500"));
        Assert.Equal(["r3", "r2", "r1", "r0"], await SearchNames(exp, "attributes.run_name LIKE 'r%'"));
    }

    [Fact]
    public async Task Runs_search_matches_the_run_name_on_the_run_name_tag_as_mlflow_does()
    {
        var exp = await NewExperiment();
        var id = await NewRun(exp, 1, "first");
        await NewRun(exp, 2, "other");
        await PostOk("runs/set-tag", new { run_id = id, key = "mlflow.runName", value = "renamed" });
        foreach (var filter in new[] { "attributes.run_name = 'renamed'", "run_name LIKE 're%' AND attributes.`Run Name` != 'other'" })
        {
            var runs = (await PostOk("runs/search", new { experiment_ids = new[] { exp }, filter })).GetProperty("runs");
            Assert.Equal([id], runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_id").GetString()));
        }
    }

    [Fact]
    public async Task Runs_search_orders_nan_after_numbers_and_missing_metrics_last_in_both_directions()
    {
        var exp = await NewExperiment();
        foreach (var (name, start, acc) in new[] { ("low", 4L, "0.1"), ("nan", 3, "NaN"), ("high", 2, "0.9"), ("none", 1, (string?)null) })
        {
            var id = await NewRun(exp, start, name);
            if (acc is not null)
                await PostRaw("runs/log-metric", $$"""{"run_id": "{{id}}", "key": "acc", "value": "{{acc}}", "timestamp": 1, "step": 0}""");
        }
        Assert.Equal(["low", "high", "nan", "none"], await SearchNames(exp, null, ["metrics.acc ASC"]));
        Assert.Equal(["high", "low", "nan", "none"], await SearchNames(exp, null, ["metrics.acc DESC"]));
        Assert.Equal(["high"], await SearchNames(exp, "metrics.acc > 0.5"));
        Assert.Equal(["low", "high"], await SearchNames(exp, "metrics.acc >= 0")); // NaN matches no comparison
    }

    [Fact]
    public async Task Runs_search_pages_with_opaque_tokens()
    {
        var exp = await NewExperiment();
        for (var i = 0; i < 5; i++)
            await NewRun(exp, 100 - i, $"r{i}");
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await PostOk("runs/search", new { experiment_ids = new[] { exp }, max_results = 2, page_token = token });
            names.AddRange(page.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_name").GetString()!));
            token = page.TryGetProperty("next_page_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        while (token is not null);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], names);
    }

    [Theory]
    [InlineData("metrics.acc > 'x'")]
    [InlineData("params.lr > '1'")]
    [InlineData("metrics.acc > 1 OR metrics.acc < 0")]
    [InlineData("foo.bar = 'x'")]
    [InlineData("attributes.nope = 'x'")]
    [InlineData("tags.t = 'unterminated")]
    [InlineData("metrics.acc >")]
    [InlineData("params.lr IN ('0.01')")]
    [InlineData("tags.t NOT IN ('x')")]
    [InlineData("attributes.run_name IN ('a')")]
    [InlineData("(metrics.acc > 1)")]
    public async Task Runs_search_refuses_bad_filters_with_invalid_parameter_value(string filter)
    {
        var response = await Post("runs/search", new { experiment_ids = new[] { await NewExperiment() }, filter });
        AssertError(response, 400, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Runs_search_refuses_bad_order_max_results_and_token()
    {
        var exp = new[] { await NewExperiment() };
        AssertError(await Post("runs/search", new { experiment_ids = exp, order_by = new[] { "metrics.acc SIDEWAYS" } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/search", new { experiment_ids = exp, max_results = 50001 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/search", new { experiment_ids = exp, page_token = "!!" }), 400, "INVALID_PARAMETER_VALUE");
    }
}
