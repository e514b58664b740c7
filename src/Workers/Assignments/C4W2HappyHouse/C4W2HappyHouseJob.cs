using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using HappyAssignment = Platform.Contracts.Catalog.Assignments.C4W2HappyHouse;

namespace Platform.Workers.Assignments.C4W2HappyHouse;

/// <summary>
/// c4w2-happy-house (spec §13): Keras-style fit of <see cref="HappyModel"/> (the 2021 notebook's model) with Adam (TF2
/// Keras' defaults) on binary cross-entropy; per-epoch loss, train_accuracy, val_loss, val_accuracy; test_accuracy only
/// under the notebook's protocol. Which protocol ran is recorded in the run's <see cref="HappyAssignment.DataProtocolTag"/>
/// tag. Keras' fit shuffles every epoch; here by the numpy seed counter from 1.
/// </summary>
public sealed class C4W2HappyHouseJob : IAssignmentJob
{
    public const uint MiniBatchSeed = 1;
    public const double LearningRate = 0.001;

    public AssignmentDescriptor Descriptor => HappyAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var epochs = context.Hyperparameters.GetInt("epochs");
        var batchSize = context.Hyperparameters.GetInt("batch_size");
        var data = HappyHouseData.Read(context.Data);
        context.Outputs.SetTag(HappyAssignment.DataProtocolTag, data.Protocol);

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var train = LabelledImages.ForBinary(data.Train.Pixels, data.Train.Labels, data.Train.Height, data.Train.Width, device);
        using var validation = LabelledImages.ForBinary(data.Validation.Pixels, data.Validation.Labels, data.Validation.Height, data.Validation.Width, device);
        using var model = new HappyModel();
        model.to(device);

        KerasEpoch? last = null;
        KerasFit.Run(model, KerasVersion.Tf2, Objective.SigmoidBinaryCrossEntropy, train, validation, LearningRate, epochs, batchSize, MiniBatchSeed,
            epoch => (last = epoch).LogTo(context.Metrics), context.Cancellation);
        if (data.HasTestSet)
        {
            context.Metrics.Log("test_accuracy", last!.ValAccuracy, epochs);
        }
    }
}
