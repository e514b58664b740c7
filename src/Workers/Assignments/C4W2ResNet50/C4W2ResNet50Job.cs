using Platform.Contracts.Catalog;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using ResNetAssignment = Platform.Contracts.Catalog.Assignments.C4W2ResNet50;

namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// c4w2-resnet50 (spec §14), 2021 style: Keras-style fit of <see cref="ResNet"/> (ResNet-50 by default; base_filters and
/// stage_blocks make it narrower or shallower) with Adam on SIGNS: per-epoch loss, train_accuracy and, with the test set
/// as validation in inference mode, val_loss and val_accuracy; then test_accuracy. Data and shuffling as in
/// c4w1-signs-convnet (<see cref="SignsKerasFit"/>). blocks_training picks the notebook's BatchNorm behaviour at evaluation
/// (<see cref="BlockBatchNorm"/>), keras the notebook's Keras (<see cref="KerasVersion"/>: initialiser, Adam ε, loss). BAND results.
/// </summary>
public sealed class C4W2ResNet50Job : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => ResNetAssignment.Descriptor;

    public static ResNetShape ShapeOf(HyperparameterValues h) =>
        new ResNetShape(h.GetInt("base_filters"), h.GetIntList("stage_blocks")).Validated();

    public static BlockBatchNorm BlockBatchNormOf(HyperparameterValues h) =>
        h.GetBool("blocks_training") ? BlockBatchNorm.AlwaysBatchStatistics : BlockBatchNorm.FollowModelMode;

    public static KerasVersion KerasOf(HyperparameterValues h) =>
        h.GetString(ResNetAssignment.KerasParameter) == ResNetAssignment.Keras2017 ? KerasVersion.Keras20 : KerasVersion.Tf2;

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var shape = ShapeOf(h);
        var blockBatchNorm = BlockBatchNormOf(h);
        var keras = KerasOf(h);
        SignsKerasFit.Run(context, keras, () => new ResNet(shape, blockBatchNorm, keras), h.GetDouble("learning_rate"), h.GetInt("epochs"), h.GetInt("batch_size"));
    }
}
