namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// Course 4 week 3: car detection with YOLOv2 on test.jpg. The pretrained weights are not distributed: the job needs a
/// user-supplied Keras <c>yolo.h5</c>, or <c>random_init_demo</c> to run the pipeline on an untrained network.
/// </summary>
public static class C4W3YoloCarDetection
{
    public const string Id = "c4w3-yolo-car-detection";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Car detection with YOLOv2",
        [
            new("score_threshold", HyperparameterType.Float, "0.6", "keep boxes whose class score is at least this", Min: 0, Max: 1),
            new("iou_threshold", HyperparameterType.Float, "0.5", "non-max suppression drops boxes overlapping a kept one by more", Min: 0, Max: 1),
            new("max_boxes", HyperparameterType.Int, "10", "most boxes kept by non-max suppression", Min: 1, Max: 10_000),
            new("model_image_size", HyperparameterType.Int, "608", "network input size in pixels (a multiple of 32)", Min: 32, Max: 2048),
            new("weights_file", HyperparameterType.String, "yolo_car_detection/yolo.h5",
                "Keras YOLOv2 weights (the notebook's yolo.h5): a path in the data directory, or absolute"),
            new("random_init_demo", HyperparameterType.Bool, "false", "without weights, run on a randomly initialised network instead of failing"),
            new("seed", HyperparameterType.Int, "1", "seed of the random-init demo's Glorot-uniform weights", Min: 0, Max: int.MaxValue),
        ],
        ["boxes_found"],
        ["yolo_car_detection/test.jpg", "yolo_car_detection/coco_classes.txt", "yolo_car_detection/yolo_anchors.txt"])
    {
        // A heavy convolutional model: two CPU slots (libtorch's intra-op threads), all of a smaller worker's.
        DefaultNeeds = new Grains.ResourceNeeds(CpuSlots: 2),
        CrossFieldCheck = values => values.GetInt("model_image_size") % 32 == 0
            ? []
            : [("model_image_size", $"must be a multiple of 32 (the network downsamples 32x), got {values.GetInt("model_image_size")}")],
    };
}
