using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using ResNetAssignment = Platform.Contracts.Catalog.Assignments.C4W2ResNet50;

namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// c4w2-resnet50 (spec §14), 2021 style: Keras-style fit of <see cref="ResNet"/> (ResNet-50 by default; base_filters and
/// stage_blocks make it narrower or shallower) with Adam on SIGNS: per-epoch loss, train_accuracy and, with the test set
/// as validation in inference mode, val_loss and val_accuracy; then test_accuracy. Data and shuffling as in
/// c4w1-signs-convnet (JPEG stand-in, numpy seed counter from 3). BAND results.
/// </summary>
public sealed class C4W2ResNet50Job : IAssignmentJob
{
    public const uint MiniBatchSeed = 3;

    public AssignmentDescriptor Descriptor => ResNetAssignment.Descriptor;

    public static ResNetShape ShapeOf(HyperparameterValues h) =>
        new ResNetShape(h.GetInt("base_filters"), h.GetIntList("stage_blocks")).Validated();

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var shape = ShapeOf(h);
        var learningRate = h.GetDouble("learning_rate");
        var epochs = h.GetInt("epochs");
        var batchSize = h.GetInt("batch_size");
        var test = C2W3SignsMlpJob.ReadTestSet(context.Data);
        var train = C2W3SignsMlpJob.ReadTrainSet(context.Data);

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var trainSet = LabelledImages.ForClasses(train.Pixels, train.Labels, train.Height, train.Width, device);
        using var testSet = LabelledImages.ForClasses(test, device);
        using var model = new ResNet(shape);
        model.to(device);

        KerasEpoch? last = null;
        KerasFit.Run(model, Objective.SoftmaxCrossEntropy, trainSet, testSet, learningRate, epochs, batchSize, MiniBatchSeed,
            epoch => (last = epoch).LogTo(context.Metrics), context.Cancellation);
        context.Metrics.Log("test_accuracy", last!.ValAccuracy, epochs);
    }
}
