namespace Platform.Silo.Tests.Api;

/// <summary>
/// runs/search over the datasets a run logged through runs/log-inputs, as MLflow's SQL store does: <c>datasets.name</c>,
/// <c>datasets.digest</c> and <c>datasets.context</c> (the input's <c>mlflow.data.context</c> tag); a run matches when any of its
/// inputs satisfies the comparison, so a run without inputs never does.
/// </summary>
public abstract partial class MlflowApiContractTests
{
    private async Task LogDataset(string runId, string name, string digest, string? context)
    {
        var tags = context is null ? [] : new[] { new { key = "mlflow.data.context", value = context } };
        await PostOk("runs/log-inputs", new
        {
            run_id = runId,
            datasets = new[] { new { tags, dataset = new { name, digest, source_type = "local", source = "/data/" + name } } },
        });
    }

    [Fact]
    public async Task Runs_search_filters_on_logged_datasets()
    {
        var exp = await NewExperiment();
        var a = await NewRun(exp, 3, "a");
        var b = await NewRun(exp, 2, "b");
        await NewRun(exp, 1, "c"); // no inputs
        await LogDataset(a, "cats", "d1", "training");
        await LogDataset(a, "dogs", "d2", "eval");
        await LogDataset(b, "Cats-v2", "d3", null);

        Assert.Equal(["a"], await SearchNames(exp, "datasets.name = 'cats'"));
        Assert.Equal(["a", "b"], await SearchNames(exp, "datasets.name != 'cats'")); // a's other input is not 'cats'
        Assert.Equal(["a"], await SearchNames(exp, "datasets.name LIKE 'cat%'"));
        Assert.Equal(["a", "b"], await SearchNames(exp, "datasets.name ILIKE 'CAT%'"));
        Assert.Equal(["a", "b"], await SearchNames(exp, "dataset.name IN ('dogs', 'Cats-v2')"));
        Assert.Equal(["a"], await SearchNames(exp, "datasets.name NOT IN ('Cats-v2')"));
        Assert.Equal(["b"], await SearchNames(exp, "datasets.digest = 'd3'"));
        Assert.Equal(["a", "b"], await SearchNames(exp, "datasets.digest IN ('d2', \"d3\")"));
        Assert.Equal(["a"], await SearchNames(exp, "datasets.context = 'training'"));
        Assert.Equal(["a"], await SearchNames(exp, "datasets.context IN ('eval')"));
        Assert.Empty(await SearchNames(exp, "datasets.context = 'test'"));
        // Each comparison may be met by a different input of the run, as in MLflow (one subquery per clause).
        Assert.Equal(["a"], await SearchNames(exp, "datasets.name = 'dogs' AND datasets.context = 'training'"));
        Assert.Equal(["a"], await SearchNames(exp, "datasets.context ILIKE 'TRAIN%' AND attributes.start_time > 2"));

        // Logging the same dataset again with another context replaces the input's tags, and the filter follows.
        await LogDataset(a, "cats", "d1", "retraining");
        Assert.Empty(await SearchNames(exp, "datasets.context = 'training'"));
        Assert.Equal(["a"], await SearchNames(exp, "datasets.context = 'retraining'"));
    }

    [Theory]
    [InlineData("datasets.size = 'x'", "'size'")]
    [InlineData("datasets.name > 'x'", "'>'")]
    [InlineData("datasets.digest = 12", "'datasets.digest'")]
    [InlineData("datasets.context IN 'x'", "'('")]
    [InlineData("datasets = 'x'", "'datasets'")]
    public async Task Runs_search_refuses_bad_dataset_filters_naming_the_token(string filter, string token)
    {
        var response = await Post("runs/search", new { experiment_ids = new[] { await NewExperiment() }, filter });
        AssertError(response, 400, "INVALID_PARAMETER_VALUE");
        Assert.Contains(token, response.Json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Runs_search_refuses_ordering_by_a_dataset_or_by_a_key_twice()
    {
        var exp = new[] { await NewExperiment() };
        AssertError(await Post("runs/search", new { experiment_ids = exp, order_by = new[] { "datasets.name" } }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Post("runs/search", new { experiment_ids = exp, order_by = new[] { "metrics.acc", "metrics.acc DESC" } }), 400, "INVALID_PARAMETER_VALUE");
    }
}
