using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// Parameter counts as Keras' model.summary() gives them: trainable weights, plus BatchNorm's moving mean and variance as
/// non-trainable. PyTorch's num_batches_tracked has no Keras counterpart and is left out.
/// </summary>
public sealed record KerasParameterCount(long Trainable, long NonTrainable)
{
    public long Total => Trainable + NonTrainable;

    public static KerasParameterCount Of(nn.Module model) => new(
        model.parameters().Sum(p => p.numel()),
        model.named_buffers().Where(b => !b.name.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Sum(b => b.buffer.numel()));
}
