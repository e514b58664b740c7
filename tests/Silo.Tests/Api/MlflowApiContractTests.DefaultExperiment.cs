namespace Platform.Silo.Tests.Api;

// MLflow's Default experiment and experiments/create's artifact_location.
public abstract partial class MlflowApiContractTests
{
    [Fact]
    public async Task Default_experiment_0_is_listed_found_by_name_and_takes_runs_without_an_experiment_id()
    {
        var byId = (await GetOk("experiments/get?experiment_id=0")).GetProperty("experiment");
        Assert.Equal("Default", byId.GetProperty("name").GetString());
        Assert.Equal("active", byId.GetProperty("lifecycle_stage").GetString());
        // {artifact root}/0 of the host that created it (on PostgreSQL the class's tests share one database, each with its own root).
        var location = byId.GetProperty("artifact_location").GetString()!;
        Assert.EndsWith("/artifacts/0", location);
        Assert.Equal("0", (await GetOk("experiments/get-by-name?experiment_name=Default")).GetProperty("experiment").GetProperty("experiment_id").GetString());
        var searched = await PostOk("experiments/search", new { filter = "name = 'Default'" });
        Assert.Equal("0", Assert.Single(searched.GetProperty("experiments").EnumerateArray()).GetProperty("experiment_id").GetString());
        Assert.Contains((await GetOk("experiments/list")).GetProperty("experiments").EnumerateArray(), e => e.GetProperty("experiment_id").GetString() == "0");

        var info = (await PostOk("runs/create", new { run_name = Unique("in-default") })).GetProperty("run").GetProperty("info");
        Assert.Equal("0", info.GetProperty("experiment_id").GetString());
        var runId = info.GetProperty("run_id").GetString();
        Assert.Equal($"{location}/{runId}/artifacts", info.GetProperty("artifact_uri").GetString());
        var found = await PostOk("runs/search", new { experiment_ids = new[] { "0" }, filter = $"attributes.run_id = '{runId}'" });
        Assert.Single(found.GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task Experiment_ids_after_Default_are_integers_above_0()
    {
        var id = long.Parse(await NewExperiment(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(id >= 1, $"a created experiment got id {id}");
        Assert.Equal(id + 1, long.Parse(await NewExperiment(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Artifact_location_is_stored_returned_and_the_base_of_run_artifact_uris()
    {
        var folder = Unique("team-a") + "/models";
        foreach (var (requested, expected) in new[]
                 {
                     (folder, $"{Host.ArtifactRoot}/{folder}"),
                     ($"mlflow-artifacts:/{folder}-proxied", $"{Host.ArtifactRoot}/{folder}-proxied"),
                     ($"{Host.ArtifactRoot}/{folder}-absolute", $"{Host.ArtifactRoot}/{folder}-absolute"),
                     ($"file://{Host.ArtifactRoot}/{folder}-uri", $"{Host.ArtifactRoot}/{folder}-uri"),
                 })
        {
            var id = (await PostOk("experiments/create", new { name = Unique("located"), artifact_location = requested })).GetProperty("experiment_id").GetString();
            Assert.Equal(expected, (await GetOk($"experiments/get?experiment_id={id}")).GetProperty("experiment").GetProperty("artifact_location").GetString());
            var run = (await PostOk("runs/create", new { experiment_id = id })).GetProperty("run").GetProperty("info");
            Assert.Equal($"{expected}/{run.GetProperty("run_id").GetString()}/artifacts", run.GetProperty("artifact_uri").GetString());
        }

        // A file uploaded through the proxy under the run's folder is listed by artifacts/list for that run.
        var located = (await PostOk("experiments/create", new { name = Unique("listed"), artifact_location = folder + "-listed" })).GetProperty("experiment_id").GetString();
        var runId = await NewRun(located);
        using (var put = await Http.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{folder}-listed/{runId}/artifacts/model.txt", new StringContent("w")))
            put.EnsureSuccessStatusCode();
        var files = (await GetOk($"artifacts/list?run_id={runId}")).GetProperty("files");
        Assert.Equal("model.txt", Assert.Single(files.EnumerateArray()).GetProperty("path").GetString());

        // Deleting an experiment for good deletes its folder: no second experiment may share it, or nest in or around it.
        foreach (var taken in new[] { folder, $"{folder}/inner", folder.Split('/')[0] })
            AssertError(await Post("experiments/create", new { name = Unique("sharing"), artifact_location = taken }), 400, "INVALID_PARAMETER_VALUE");
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("a/%2e%2e/%2e%2e/outside")]
    [InlineData("/etc/outside")]
    [InlineData("file:///etc/outside")]
    [InlineData("s3://bucket/path")]
    [InlineData("gs://bucket/path")]
    [InlineData("http://elsewhere/x")]
    [InlineData("runs:/abc/model")]
    [InlineData("mlflow-artifacts:/../x")]
    [InlineData("a\\b")]
    [InlineData("7/theirs")]
    public async Task Artifact_location_outside_the_store_or_with_an_unsupported_scheme_is_INVALID_PARAMETER_VALUE(string location)
    {
        var name = Unique("bad-location");
        AssertError(await Post("experiments/create", new { name, artifact_location = location }), 400, "INVALID_PARAMETER_VALUE");
        AssertError(await Get($"experiments/get-by-name?experiment_name={name}"), 404, "RESOURCE_DOES_NOT_EXIST");
    }
}
