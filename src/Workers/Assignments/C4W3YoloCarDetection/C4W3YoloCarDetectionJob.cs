using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using Platform.Workers.Weights;
using TorchSharp;
using static TorchSharp.torch;
using YoloAssignment = Platform.Contracts.Catalog.Assignments.C4W3YoloCarDetection;

namespace Platform.Workers.Assignments.C4W3YoloCarDetection;

/// <summary>
/// c4w3-yolo-car-detection (spec §15): predict on test.jpg. Preprocess (bicubic resize to model_image_size, /255), run
/// YOLOv2, yolo_head, yolo_eval, then log <c>boxes_found</c> and store <c>detections.json</c> and the annotated <c>test.png</c>.
/// Needs a Keras yolo.h5 (<c>weights_file</c>); without one it fails "weights not found" unless <c>random_init_demo</c> asks
/// for an untrained network, which it then tags on the run.
/// </summary>
public sealed class C4W3YoloCarDetectionJob : IAssignmentJob
{
    public const string ImageFile = "yolo_car_detection/test.jpg";

    public AssignmentDescriptor Descriptor => YoloAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var size = h.GetInt("model_image_size");
        var weightsFile = h.GetString("weights_file");
        var weights = PretrainedWeights.Find(context.Data, weightsFile);
        if (weights is null && !h.GetBool("random_init_demo"))
        {
            throw PretrainedWeights.NotFound(context.Data, weightsFile, "YOLOv2", "weights_file", "set random_init_demo=true to run an untrained network");
        }

        var classes = YoloModelFiles.ReadClasses(context.Data.File(YoloModelFiles.ClassesFile));
        var anchors = YoloModelFiles.ReadAnchors(context.Data.File(YoloModelFiles.AnchorsFile));
        var image = RgbImage.Decode(context.Data.File(ImageFile));
        context.Cancellation.ThrowIfCancellationRequested();

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        if (weights is null)
        {
            context.Outputs.SetTag(PretrainedWeights.RandomInitTag, PretrainedWeights.RandomInitValue);
            context.Log.LogWarning("YOLOv2 weights not found at {WeightsFile}: running the random-init demo, detections are meaningless", weightsFile);
        }

        using var model = new YoloV2(anchors.Count, classes.Count);
        if (weights is not null)
        {
            model.LoadKerasWeights(weights);
        }
        else
        {
            // Keras' default initialiser, from a generator of its own: the process-wide torch seed is shared by trials.
            GlorotUniform.Initialize(model, (ulong)h.GetInt("seed"));
        }

        model.to(device).eval();
        var features = Predict(model, image, size, device);
        var grid = size / 32;
        var outputs = YoloHead.Decode(features, grid, grid, anchors, classes.Count);
        var boxes = YoloBoxes.Eval(outputs, image.Height, image.Width, h.GetInt("max_boxes"), h.GetDouble("score_threshold"), h.GetDouble("iou_threshold"));
        var detections = DetectionDrawing.ToDetections(boxes, classes, image.Width, image.Height);
        foreach (var d in detections)
        {
            context.Log.LogInformation("{Class} {Score:0.00} ({Left}, {Top}) ({Right}, {Bottom})", d.Class, d.Score, d.Left, d.Top, d.Right, d.Bottom);
        }

        context.Metrics.Log("boxes_found", detections.Count, 0);
        context.Outputs.SaveArtifact("detections.json", JsonSerializer.SerializeToUtf8Bytes(detections, JsonOptions));
        context.Outputs.SaveArtifact("test.png", DetectionDrawing.AnnotatedPng(image, detections, classes));
    }

    /// <summary>preprocess_image and the forward pass: the raw (rows, columns, anchors·(5 + classes)) features of one image.</summary>
    public static float[] Predict(YoloV2 model, RgbImage image, int size, Device device)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var resized = image.Resize(size, size);
        var values = new float[resized.Pixels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = resized.Pixels[i] / 255f;
        }

        var input = torch.tensor(values, [1, size, size, 3], device: device).permute(0, 3, 1, 2);
        return model.forward(input).cpu().data<float>().ToArray();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}
