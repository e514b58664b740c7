using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>
/// The first assignment end to end through the real parts: HTTP API, trial grain, scheduler, worker agent, TorchSharp training on
/// the real cat data, batched metric ingest through the MLflow API, SQLite store.
/// </summary>
public sealed class VerticalSliceTests() : EmbeddedPlatformTest("platform-slice")
{
    private static readonly double[] NotebookCosts =
    [
        0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941, 0.228004,
        0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542, 0.140872,
    ];

    [Fact]
    public async Task Submitted_logistic_regression_run_trains_on_the_worker_and_logs_the_notebook_cost_history()
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission("c1w2-logistic-regression"));
        var run = (await Platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(100))).Single();

        Assert.Equal(RunStatus.FINISHED, run.Info.Status);
        Assert.NotNull(run.Info.EndTime);
        Assert.Equal("c1w2-logistic-regression", run.Data.Tag(PlatformTags.Assignment));
        Assert.Equal("2000", run.Data.Param("num_iterations"));
        Assert.Equal(0.9904306220095694, run.Data.LatestMetric("train_accuracy"));
        Assert.Equal(0.70, run.Data.LatestMetric("test_accuracy"));

        var history = await Platform.Client.Tracking.GetMetricHistoryAsync(run.Info.RunId, "cost");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i * 100), history.Select(m => m.Step));
        for (var i = 0; i < NotebookCosts.Length; i++)
        {
            Assert.Equal(NotebookCosts[i], history[i].Value, 6);
        }

        var experiment = await Platform.Client.Tracking.GetExperimentAsync(submitted.ExperimentId);
        Assert.Equal("c1w2-logistic-regression", experiment.Name);
    }

    [Fact]
    public async Task Submission_with_a_bad_parameter_is_refused_with_mlflow_error_code_and_creates_nothing()
    {
        var error = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Platform.Client.SubmitRunAsync(new RunSubmission("c1w3-planar-data", new Dictionary<string, string> { ["n_h"] = "0" }, "refused")));

        Assert.Equal(ErrorCodes.InvalidParameterValue, error.ErrorCode);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("params.n_h: must be in [1, 10000], got 0", error.Message);
        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => Platform.Client.Tracking.GetExperimentByNameAsync("refused"));
        Assert.Equal(ErrorCodes.ResourceDoesNotExist, missing.ErrorCode);
    }

    [Fact]
    public async Task Sweep_ends_finished_once_every_trial_has_ended()
    {
        var submitted = await Platform.Client.SubmitSweepAsync("""
            assignment: c1w3-planar-data
            experiment: planar-sweep-state
            method: grid
            parameters:
              n_h: {values: [2, 3]}
              num_iterations: {value: 10}
            """);
        await Platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(100));

        var sweep = await Platform.Client.GetSweepAsync(submitted.SweepId!);

        Assert.Equal(SweepStates.Finished, sweep.State);
        Assert.Equal(submitted.RunIds, sweep.RunIds);
    }
}
