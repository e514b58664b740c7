using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;

namespace Platform.Workers.Assignments.C1W3;

/// <summary>
/// c1w3-planar-data (spec §3): the one-hidden-layer tanh network on the generated flower. Logs <c>cost</c> every 1000
/// iterations (step = i) and <c>train_accuracy</c> at the end (step = num_iterations). Runs on the CPU in plain float64
/// whatever the configured device: the network is too small for an accelerator to help.
/// </summary>
public sealed class C1W3PlanarDataJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => C1W3PlanarData.Descriptor;

    public void Run(JobContext context)
    {
        var nH = context.Hyperparameters.GetInt("n_h");
        var numIterations = context.Hyperparameters.GetInt("num_iterations");
        var learningRate = context.Hyperparameters.GetDouble("learning_rate");

        var (x, y) = PlanarFlower.Generate();
        var parameters = PlanarNetwork.NnModel(
            x, y, nH, numIterations, learningRate, (i, cost) => context.Metrics.Log("cost", cost, i), context.Cancellation);
        var accuracy = PlanarNetwork.Accuracy(y, PlanarNetwork.Predict(parameters, x));
        context.Metrics.Log("train_accuracy", accuracy, numIterations);
    }
}
