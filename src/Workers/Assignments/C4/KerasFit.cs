using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// Keras' <c>model.fit</c> for the C4 models: Adam (<see cref="SafeAdam"/> in TensorFlow's form, with the ε of the notebook's
/// <see cref="KerasVersion"/>),
/// mini-batches of a shuffled order, and per epoch the sample-weighted mean of the batch losses and the running accuracy
/// seen while training (what Keras prints as loss and accuracy), then the validation loss and accuracy with the model in
/// inference mode (BatchNorm on its moving statistics, except layers built with training=True, as the 2021 ResNet's blocks).
/// Keras shuffles with its own RNG; here epoch e (from 0) uses numpy's permutation under seed s0 + 1 + e, the spec's
/// seed counter (§0.6), so runs are repeatable. Never in file order: the SIGNS stand-in is sorted by label.
/// </summary>
public static class KerasFit
{
    /// <summary>Keras' <c>model.evaluate</c> batch size when none is given.</summary>
    public const int EvaluateBatchSize = 32;

    public static void Run(
        nn.Module<Tensor, Tensor> model, KerasVersion keras, Objective objective, LabelledImages train, LabelledImages validation,
        double learningRate, int epochs, int batchSize, uint seed, Action<KerasEpoch> onEpoch, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var ranges = MiniBatches.Ranges(train.Count, batchSize);
        using var optimizer = NewAdam(model, keras, learningRate);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            seed++;
            model.train();
            using var order = tensor(MiniBatches.Order(train.Count, seed).Select(i => (long)i).ToArray(), device: train.Images.device);
            double lossSum = 0, correct = 0;
            foreach (var (start, count) in ranges)
            {
                cancellation.ThrowIfCancellationRequested(); // per step: a ResNet-50 epoch takes minutes on a CPU
                using var step = NewDisposeScope();
                var indices = order.narrow(0, start, count);
                var labels = train.Labels.index_select(0, indices);
                optimizer.ZeroGrad();
                var logits = model.forward(train.Images.index_select(0, indices));
                var loss = objective.Loss(logits, labels);
                loss.backward();
                optimizer.Step();
                lossSum += loss.item<float>() * count;
                correct += objective.Correct(logits.detach(), labels).item<long>();
            }

            var (valLoss, valAccuracy) = Evaluate(model, objective, validation, batchSize);
            onEpoch(new KerasEpoch(epoch + 1, lossSum / train.Count, correct / train.Count, valLoss, valAccuracy));
        }
    }

    /// <summary>Keras' <c>Adam(lr)</c> with that version's defaults.</summary>
    public static SafeAdam NewAdam(nn.Module model, KerasVersion keras, double learningRate) =>
        new(model.parameters(), learningRate, epsilon: keras.AdamEpsilon(), form: AdamForm.TensorFlow);

    /// <summary>Mean loss and accuracy in inference mode, in chunks of <paramref name="batchSize"/> to bound memory.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, Objective objective, LabelledImages set, int batchSize)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0, correct = 0;
        foreach (var (start, count) in MiniBatches.Ranges(set.Count, batchSize))
        {
            using var step = NewDisposeScope();
            var labels = set.Labels.narrow(0, start, count);
            var logits = model.forward(set.Images.narrow(0, start, count));
            lossSum += objective.Loss(logits, labels).item<float>() * count;
            correct += objective.Correct(logits, labels).item<long>();
        }

        return (lossSum / set.Count, correct / set.Count);
    }
}
