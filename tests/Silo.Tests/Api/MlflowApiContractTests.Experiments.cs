namespace Platform.Silo.Tests.Api;

public abstract partial class MlflowApiContractTests
{
    [Fact]
    public async Task Experiment_lifecycle_create_get_rename_tag_delete_restore()
    {
        var name = Unique("exp");
        var id = (await PostOk("experiments/create", new { name, tags = new[] { new { key = "team", value = "a" } } })).GetProperty("experiment_id").GetString();
        var byId = (await GetOk($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal(name, byId.GetProperty("name").GetString());
        Assert.Equal("active", byId.GetProperty("lifecycle_stage").GetString());
        Assert.Equal("team", byId.GetProperty("tags")[0].GetProperty("key").GetString());
        Assert.Equal(id, (await GetOk($"experiments/get-by-name?experiment_name={name}")).GetProperty("experiment").GetProperty("experiment_id").GetString());

        var renamed = Unique("renamed");
        await PostOk("experiments/update", new { experiment_id = id, new_name = renamed });
        await PostOk("experiments/set-experiment-tag", new { experiment_id = id, key = "team", value = "b" });
        var updated = (await GetOk($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal(renamed, updated.GetProperty("name").GetString());
        Assert.Equal("b", updated.GetProperty("tags")[0].GetProperty("value").GetString());

        var run = await NewRun(id);
        await PostOk("experiments/delete", new { experiment_id = id });
        Assert.Equal("deleted", (await GetOk($"experiments/get?experiment_id={id}")).GetProperty("experiment").GetProperty("lifecycle_stage").GetString());
        Assert.Equal("deleted", (await GetRun(run)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
        AssertError(await Post("runs/create", new { experiment_id = id }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/update", new { experiment_id = id, new_name = Unique("x") }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/create", new { name = renamed }), 400, "RESOURCE_ALREADY_EXISTS");

        await PostOk("experiments/restore", new { experiment_id = id });
        Assert.Equal("active", (await GetOk($"experiments/get?experiment_id={id}")).GetProperty("experiment").GetProperty("lifecycle_stage").GetString());
        Assert.Equal("active", (await GetRun(run)).GetProperty("info").GetProperty("lifecycle_stage").GetString());
    }

    [Fact]
    public async Task Experiment_errors_match_mlflow()
    {
        var name = Unique("dup");
        await PostOk("experiments/create", new { name });
        AssertError(await Post("experiments/create", new { name }), 400, "RESOURCE_ALREADY_EXISTS");
        AssertError(await Post("experiments/create", new { }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/create", new { name = "  " }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Get("experiments/get?experiment_id=987654321"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Get("experiments/get?experiment_id=not-a-number"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Get("experiments/get"), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Get($"experiments/get-by-name?experiment_name={Unique("none")}"), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("experiments/delete", new { experiment_id = "987654321" }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("experiments/restore", new { experiment_id = "987654321" }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("experiments/update", new { experiment_id = "987654321", new_name = "x" }), 404, "RESOURCE_DOES_NOT_EXIST");
        AssertError(await Post("experiments/set-experiment-tag", new { experiment_id = "987654321", key = "k", value = "v" }), 404, "RESOURCE_DOES_NOT_EXIST");
        var id = await NewExperiment();
        AssertError(await Post("experiments/update", new { experiment_id = id, new_name = name }), 400, "RESOURCE_ALREADY_EXISTS");
        AssertError(await Post("experiments/set-experiment-tag", new { experiment_id = id, key = "k", value = new string('v', 5001) }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await PostRaw("experiments/create", "{\"name\": "), 400, "BAD_REQUEST");
    }

    [Fact]
    public async Task Experiment_search_filters_orders_pages_and_lists()
    {
        var marker = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await PostOk("experiments/create", new { name = $"s-{marker}-{i}" })).GetProperty("experiment_id").GetString()!);
        await PostOk("experiments/delete", new { experiment_id = ids[2] });

        var page1 = await PostOk("experiments/search", new { filter = $"name LIKE 's-{marker}-%'", max_results = 1, order_by = new[] { "name ASC" } });
        Assert.Equal($"s-{marker}-0", page1.GetProperty("experiments")[0].GetProperty("name").GetString());
        var token = page1.GetProperty("next_page_token").GetString();
        var page2 = await PostOk("experiments/search", new { filter = $"name LIKE 's-{marker}-%'", max_results = 1, order_by = new[] { "name ASC" }, page_token = token });
        Assert.Equal($"s-{marker}-1", page2.GetProperty("experiments")[0].GetProperty("name").GetString());
        Assert.False(page2.TryGetProperty("next_page_token", out var t2) && t2.ValueKind == System.Text.Json.JsonValueKind.String);

        var deleted = await PostOk("experiments/search", new { filter = $"attributes.name = 's-{marker}-2'", view_type = "DELETED_ONLY" });
        Assert.Single(deleted.GetProperty("experiments").EnumerateArray());
        var listed = await GetOk("experiments/list?view_type=ALL");
        Assert.Equal(3, listed.GetProperty("experiments").EnumerateArray().Count(e => e.GetProperty("name").GetString()!.Contains(marker)));
        var viaGet = await GetOk($"experiments/search?filter={Uri.EscapeDataString($"name = 's-{marker}-1'")}");
        Assert.Single(viaGet.GetProperty("experiments").EnumerateArray());

        AssertError(await Post("experiments/search", new { filter = "name ~ 'x'" }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/search", new { max_results = 50001 }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("experiments/search", new { page_token = "garbage" }), 400, "INVALID_PARAMETER_VALUE");
    }
}
