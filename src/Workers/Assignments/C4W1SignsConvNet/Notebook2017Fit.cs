using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Assignments.C4;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W1SignsConvNet;

/// <summary>
/// The 2017 notebook's <c>model()</c> (TF1): <see cref="SignsConvNet.Notebook2017"/> trained by
/// <c>tf.train.AdamOptimizer</c> (TF's form, ε 1e-8) on the mean softmax cross-entropy of the logits. Each epoch reshuffles
/// with numpy's <c>random_mini_batches</c> along the example axis under the seed counter from 3 (epoch e uses 4 + e), and its
/// cost is Σ batch costs / ⌊m/minibatch_size⌋ (the notebook's quirk: 16 for m = 1080 and 64, though there are 17 batches),
/// each batch's cost taken before its update, as <c>sess.run([optimizer, cost])</c> returns it
/// (<see cref="MiniBatches.RunEpochs"/>). Logs <c>cost</c> per epoch (the notebook prints every 5th), then
/// <c>train_accuracy</c> and <c>test_accuracy</c> (argmax over the whole sets; step = num_epochs), and the cost curve.
/// </summary>
public static class Notebook2017Fit
{
    public static void Run(JobContext context, double learningRate, int numEpochs, int minibatchSize)
    {
        var (trainSet, testSet) = SignsKerasFit.ReadSigns(context.Data, context.Device);
        using var train = trainSet;
        using var test = testSet;
        using var model = SignsConvNet.Notebook2017();
        model.to(train.Images.device);

        var costs = new CostHistory(context.Metrics, "epoch");
        Train(model, train, learningRate, numEpochs, minibatchSize, costs.Log, context.Cancellation);

        context.Metrics.Log("train_accuracy", KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, train, minibatchSize).Accuracy, numEpochs);
        context.Metrics.Log("test_accuracy", KerasFit.Evaluate(model, Objective.SoftmaxCrossEntropy, test, minibatchSize).Accuracy, numEpochs);
        RunArtifacts.LogCostCurve(context, costs, $"Learning rate = {learningRate}");
    }

    public static void Train(
        SignsConvNet model, LabelledImages train, double learningRate, int numEpochs, int minibatchSize,
        Action<int, double> onEpochCost, CancellationToken cancellation)
    {
        // ε: SafeAdam's default, 1e-8, is tf.train.AdamOptimizer's.
        using var optimizer = new SafeAdam(model.parameters(), learningRate, form: AdamForm.TensorFlow);
        model.train();
        MiniBatches.RunEpochs(train.Count, minibatchSize, SignsKerasFit.MiniBatchSeed, numEpochs, train.Images.device, indices =>
        {
            optimizer.ZeroGrad();
            // tf.nn.softmax_cross_entropy_with_logits, averaged: the notebook's compute_cost.
            var cost = Objective.SoftmaxCrossEntropy.Loss(model.forward(train.Images.index_select(0, indices)), train.Labels.index_select(0, indices));
            cost.backward();
            optimizer.Step();
            return cost.detach();
        }, onEpochCost, cancellation);
    }
}
