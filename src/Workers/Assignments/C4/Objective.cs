using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// A Keras loss with its accuracy, on logits: the models end in a linear layer and the softmax/sigmoid lives here, in
/// the loss's numerically stable form (the same values as Keras' Dense(activation) followed by its cross-entropy).
/// </summary>
public sealed class Objective
{
    private Objective(Func<Tensor, Tensor, Tensor> loss, Func<Tensor, Tensor, Tensor> correct)
    {
        Loss = loss;
        Correct = correct;
    }

    /// <summary>Mean loss of a batch: (logits, labels) → scalar.</summary>
    public Func<Tensor, Tensor, Tensor> Loss { get; }

    /// <summary>Number of correct predictions in a batch: (logits, labels) → scalar.</summary>
    public Func<Tensor, Tensor, Tensor> Correct { get; }

    /// <summary>Dense(C, softmax) + categorical cross-entropy: logits (m, C), int64 labels (m,).</summary>
    public static Objective SoftmaxCrossEntropy { get; } = new(
        (logits, labels) => nn.functional.cross_entropy(logits, labels),
        (logits, labels) => logits.argmax(1).eq(labels).sum());

    /// <summary>Dense(1, sigmoid) + binary cross-entropy: logits (m, 1), float32 labels (m, 1); predicts 1 when σ(z) &gt; 0.5.</summary>
    public static Objective SigmoidBinaryCrossEntropy { get; } = new(
        (logits, labels) => nn.functional.binary_cross_entropy_with_logits(logits, labels),
        (logits, labels) => logits.GreaterThan(0).to_type(labels.dtype).eq(labels).sum());
}
