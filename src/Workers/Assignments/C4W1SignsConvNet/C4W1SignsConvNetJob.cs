using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using ConvNetAssignment = Platform.Contracts.Catalog.Assignments.C4W1SignsConvNet;

namespace Platform.Workers.Assignments.C4W1SignsConvNet;

/// <summary>
/// c4w1-signs-convnet (spec §12), 2021 style: Keras-style fit of <see cref="SignsConvNet"/> with Adam, per-epoch loss,
/// train_accuracy, val_loss and val_accuracy with the test set as validation, then test_accuracy. Trains on the SIGNS
/// JPEG stand-in (train + val in ordinal file-name order, read as c2w3-signs-mlp reads it), shuffled per epoch by the
/// numpy seed counter from 3 (the 2017 notebook's s0). Evaluates on signs/test_signs.h5. BAND results.
/// </summary>
public sealed class C4W1SignsConvNetJob : IAssignmentJob
{
    public const uint MiniBatchSeed = 3;

    public AssignmentDescriptor Descriptor => ConvNetAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var learningRate = h.GetDouble("learning_rate");
        var numEpochs = h.GetInt("num_epochs");
        var minibatchSize = h.GetInt("minibatch_size");
        var test = C2W3SignsMlpJob.ReadTestSet(context.Data);
        var train = C2W3SignsMlpJob.ReadTrainSet(context.Data);

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var trainSet = LabelledImages.ForClasses(train.Pixels, train.Labels, train.Height, train.Width, device);
        using var testSet = LabelledImages.ForClasses(test, device);
        using var model = new SignsConvNet();
        model.to(device);

        KerasEpoch? last = null;
        KerasFit.Run(model, Objective.SoftmaxCrossEntropy, trainSet, testSet, learningRate, numEpochs, minibatchSize, MiniBatchSeed,
            epoch => (last = epoch).LogTo(context.Metrics), context.Cancellation);
        context.Metrics.Log("test_accuracy", last!.ValAccuracy, numEpochs);
    }
}
