using HappyAssignment = Platform.Contracts.Catalog.Assignments.C4W2HappyHouse;
using Platform.Cli.Local;
using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>
/// Issue 4's "each must also run through the platform": the Course 4 models submitted through the API with small
/// hyperparameters, trained by the worker agent, and read back from the tracking store with their metrics (Keras-style,
/// or the 2017 TF1 ConvNet's cost and accuracies).
/// </summary>
[Trait("Category", "Slow")]
public sealed class C4RunsThroughThePlatformTests() : EmbeddedPlatformTest("platform-c4-runs")
{
    public static TheoryData<string, Dictionary<string, string>, string[]> Runs => new()
    {
        { "c4w1-signs-convnet", new() { ["num_epochs"] = "1" }, ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"] },
        {
            "c4w1-signs-convnet", new() { ["notebook"] = "2017", ["learning_rate"] = "0.009", ["num_epochs"] = "1" },
            ["cost", "train_accuracy", "test_accuracy"]
        },
        { "c4w2-happy-house", new() { ["epochs"] = "1" }, ["loss", "train_accuracy", "val_loss", "val_accuracy"] },
        {
            "c4w2-resnet50", new() { ["epochs"] = "1", ["base_filters"] = "2", ["stage_blocks"] = "[1, 1, 1, 1]" },
            ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"]
        },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_small_run_finishes_with_its_metrics(string assignment, Dictionary<string, string> hyperparameters, string[] metrics)
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission(assignment, hyperparameters));
        var run = (await Platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(200))).Single();

        Assert.True(run.Info.Status == RunStatus.FINISHED, run.Data.Tag(PlatformTags.Error));
        foreach (var metric in metrics)
        {
            var value = run.Data.LatestMetric(metric);
            Assert.True(value is not null, $"{assignment} logged no {metric}");
            Assert.InRange(value.Value, 0, metric.EndsWith("accuracy", StringComparison.Ordinal) ? 1 : 100);
        }

        if (assignment == HappyAssignment.Id)
        {
            // train_happy.h5 is missing: the run says it trained on a split of test_happy.h5, and reports no test accuracy.
            Assert.Contains("split of test_happy.h5", run.Data.Tag(HappyAssignment.DataProtocolTag));
            Assert.Null(run.Data.LatestMetric("test_accuracy"));
        }
    }
}
