using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// A Keras loss with its accuracy, on logits: the models end in a linear layer and the softmax/sigmoid lives here, in
/// the loss's numerically stable form (the same values as Keras' Dense(activation) followed by its cross-entropy).
/// </summary>
public sealed class Objective
{
    // Keras 2.0's _EPSILON and 1 - _EPSILON in float32, as its backend computes them; static, so never finalized (SafeScalarOps).
    private static readonly Scalar ClipLow = 1e-7f.ToScalar();
    private static readonly Scalar ClipHigh = (1f - 1e-7f).ToScalar();

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
        ArgmaxCorrect);

    /// <summary>
    /// Dense(C, softmax) + Keras 2.0's categorical cross-entropy, which works on the probabilities: divided by their sum,
    /// clipped to [1e-7, 1 - 1e-7], then -log of the true class's. A sample whose true class has p &lt; 1e-7 adds 16.12 to
    /// the loss and nothing to the gradient (the clip's gradient is 0 there). TF2's Keras finds the softmax's logits and
    /// takes those instead (<see cref="SoftmaxCrossEntropy"/>). Same labels and accuracy as that one.
    /// </summary>
    public static Objective ClippedSoftmaxCrossEntropy { get; } = new(
        (logits, labels) =>
        {
            using var scope = NewDisposeScope();
            var probabilities = nn.functional.softmax(logits, 1);
            var clipped = probabilities.div(probabilities.sum(1, keepdim: true)).clamp(ClipLow, ClipHigh);
            return clipped.gather(1, labels.unsqueeze(1)).log().mean().neg().MoveToOuterDisposeScope();
        },
        ArgmaxCorrect);

    private static Tensor ArgmaxCorrect(Tensor logits, Tensor labels) => logits.argmax(1).eq(labels).sum();

    /// <summary>Dense(1, sigmoid) + binary cross-entropy: logits (m, 1), float32 labels (m, 1); predicts 1 when σ(z) &gt; 0.5.</summary>
    public static Objective SigmoidBinaryCrossEntropy { get; } = new(
        (logits, labels) => nn.functional.binary_cross_entropy_with_logits(logits, labels),
        (logits, labels) => logits.GreaterThan(0).to_type(labels.dtype).eq(labels).sum());
}
