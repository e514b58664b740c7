using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>
/// c4w3-yolo-car-detection and c4w4-neural-style-transfer run through the platform with small settings: submitted through
/// the API, run by the worker agent, read back from the store with their metrics, tags and artifacts. No pretrained weights
/// exist here, so YOLO runs its random-init demo (and fails "weights not found" without it) and NST its random network.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DetectionAndStyleTransferThroughThePlatformTests() : EmbeddedPlatformTest("platform-c4-detection-style")
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public async Task Yolo_random_init_demo_finishes_with_boxes_detections_and_the_annotated_image()
    {
        var run = await RunAsync("c4w3-yolo-car-detection",
            new() { ["random_init_demo"] = "true", ["model_image_size"] = "320", ["score_threshold"] = "0.0" });

        Assert.True(run.Info.Status == RunStatus.FINISHED, run.Data.Tag(PlatformTags.Error));
        Assert.Equal("random-init", run.Data.Tag("platform.weights"));
        Assert.InRange(run.Data.LatestMetric("boxes_found") ?? -1, 1, 10);
        var artifacts = await Platform.Client.Tracking.ListArtifactsAsync(run.Info.RunId);
        Assert.Equal(["detections.json", "test.png"], artifacts.Select(a => a.Path).Order());
        await AssertPngAsync(run, "test.png");
    }

    [Fact]
    public async Task Yolo_without_weights_fails_with_weights_not_found()
    {
        var run = await RunAsync("c4w3-yolo-car-detection", []);

        Assert.Equal(RunStatus.FAILED, run.Info.Status);
        Assert.StartsWith("weights not found: YOLOv2", run.Data.Tag(PlatformTags.Error));
    }

    [Fact]
    public async Task Style_transfer_on_a_random_network_finishes_with_costs_and_generated_images()
    {
        var run = await RunAsync("c4w4-neural-style-transfer", new() { ["image_width"] = "40", ["num_iterations"] = "5", ["log_every"] = "2" });

        Assert.True(run.Info.Status == RunStatus.FINISHED, run.Data.Tag(PlatformTags.Error));
        Assert.Equal("random-init", run.Data.Tag("platform.weights"));
        var costs = await Platform.Client.Tracking.GetMetricHistoryAsync(run.Info.RunId, "cost");
        Assert.Equal([0L, 2, 4], costs.Select(c => c.Step).Order());
        Assert.True(costs.MaxBy(c => c.Step)!.Value < costs.MinBy(c => c.Step)!.Value, "the total cost decreases");
        Assert.NotNull(run.Data.LatestMetric("content_cost"));
        Assert.NotNull(run.Data.LatestMetric("style_cost"));
        var generated = await Platform.Client.Tracking.ListArtifactsAsync(run.Info.RunId, "generated");
        Assert.Equal(["generated/0.png", "generated/2.png", "generated/4.png"], generated.Select(a => a.Path).Order());
        await AssertPngAsync(run, "generated_image.png");
    }

    private async Task<Run> RunAsync(string assignment, Dictionary<string, string> parameters)
    {
        var submitted = await Platform.Client.SubmitRunAsync(new RunSubmission(assignment, parameters));
        return (await Platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(200))).Single();
    }

    private async Task AssertPngAsync(Run run, string path)
    {
        await using var content = await Platform.Client.Tracking.DownloadArtifactAsync(run, path);
        var head = new byte[4];
        await content.ReadExactlyAsync(head);
        Assert.Equal(PngSignature, head);
    }
}
