using System.Text.Json;
using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;
using Platform.Testing;
using Platform.Workers.Assignments.C4W3YoloCarDetection;
using Platform.Workers.Data;
using Platform.Workers.Tests.Support;
using Platform.Workers.Weights;
using YoloAssignment = Platform.Contracts.Catalog.Assignments.C4W3YoloCarDetection;

namespace Platform.Workers.Tests.Assignments.C4W3YoloCarDetection;

public sealed class C4W3YoloCarDetectionJobTests
{
    [Fact]
    public void Without_weights_the_job_stops_with_weights_not_found()
    {
        var e = Assert.Throws<DataFileNotFoundException>(() => Run(new Dictionary<string, string>(), new RecordingMetricSink(), new RecordingRunOutputs()));

        Assert.StartsWith("weights not found: YOLOv2 'yolo_car_detection/yolo.h5' is not in data directory", e.Message);
        Assert.Contains("random_init_demo", e.Message);
    }

    [Fact]
    public void A_missing_absolute_weights_file_is_reported_as_missing_not_as_outside_the_data_directory()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-yolo-{Guid.NewGuid():N}.h5");

        var e = Assert.Throws<DataFileNotFoundException>(() => Run(new Dictionary<string, string> { ["weights_file"] = missing }, new RecordingMetricSink(), new RecordingRunOutputs()));

        Assert.StartsWith($"weights not found: YOLOv2 '{missing}' does not exist", e.Message);
    }

    [Fact]
    public void A_model_size_that_is_not_a_multiple_of_32_is_refused_when_binding_naming_the_field()
    {
        var e = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(
            YoloAssignment.Descriptor, new Dictionary<string, string> { ["model_image_size"] = "100" }));

        Assert.Equal(new ValidationError("params.model_image_size", "must be a multiple of 32 (the network downsamples 32x), got 100"), Assert.Single(e.Errors));
    }

    [Fact]
    public void The_random_init_demo_says_so_and_stores_detections_and_the_annotated_image()
    {
        var metrics = new RecordingMetricSink();
        var outputs = new RecordingRunOutputs();

        // A low score threshold so the untrained network's boxes get through; a small input keeps it quick.
        Run(new Dictionary<string, string> { ["random_init_demo"] = "true", ["model_image_size"] = "128", ["score_threshold"] = "0.0" }, metrics, outputs);

        Assert.Equal(PretrainedWeights.RandomInitValue, outputs.Tags[PretrainedWeights.RandomInitTag]);
        var found = metrics.Single("boxes_found");
        var detections = JsonDocument.Parse(outputs.Artifacts["detections.json"]).RootElement;
        Assert.Equal(found, detections.GetArrayLength());
        Assert.InRange(found, 1, 10); // max_boxes
        Assert.All(detections.EnumerateArray(), d => Assert.InRange(d.GetProperty("right").GetInt32(), d.GetProperty("left").GetInt32(), 1280));
        var png = RgbImageOf(outputs.Artifacts["test.png"]);
        Assert.Equal((1280, 720), (png.Width, png.Height));
    }

    private static void Run(Dictionary<string, string> raw, RecordingMetricSink metrics, RecordingRunOutputs outputs) =>
        new C4W3YoloCarDetectionJob().Run(JobContexts.For(YoloAssignment.Descriptor, metrics, raw, outputs: outputs));

    private static RgbImage RgbImageOf(byte[] png)
    {
        using var temp = new TempDirectory("yolo-png");
        var path = Path.Combine(temp.Path, "test.png");
        File.WriteAllBytes(path, png);
        return RgbImage.Decode(path);
    }
}
