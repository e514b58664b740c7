using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C1W3;

/// <summary>
/// c1w3-planar-data (spec §3): the one-hidden-layer tanh network on the generated flower. Logs <c>cost</c> every 1000
/// iterations (step = i) and <c>train_accuracy</c> at the end (step = num_iterations); artifacts: the cost curve, the decision
/// boundary and the parameters. Runs on the CPU on plain arrays in the run's dtype (float64 by default) whatever the
/// configured device: the network is too small for an accelerator to help.
/// </summary>
public sealed class C1W3PlanarDataJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => C1W3PlanarData.Descriptor;

    public void Run(JobContext context)
    {
        var nH = context.Hyperparameters.GetInt("n_h");
        var numIterations = context.Hyperparameters.GetInt("num_iterations");
        var learningRate = context.Hyperparameters.GetDouble("learning_rate");
        var dtype = Dtypes.Parse(context.Hyperparameters.GetString(DtypeHyperparameter.Name));

        var (x, y) = PlanarFlower.Generate();
        var costs = new CostHistory(context.Metrics);
        var parameters = PlanarNetwork.NnModel(x, y, nH, numIterations, learningRate, costs.Log, context.Cancellation, dtype);
        var accuracy = PlanarNetwork.Accuracy(y, PlanarNetwork.Predict(parameters, x));
        context.Metrics.Log("train_accuracy", accuracy, numIterations);

        RunArtifacts.LogCostCurve(context, costs, $"Learning rate = {learningRate}, hidden layer size {nH}");
        RunArtifacts.LogDecisionBoundary(context, x.Data, y.Data,
            (x1, x2) => PlanarNetwork.Predict(parameters, new Matrix(2, x1.Length, [.. x1, .. x2])).Data, $"Decision Boundary for hidden layer size {nH}");
        RunArtifacts.LogParameters(context, [
            NamedArray.Of("W1", parameters.W1), NamedArray.Of("b1", parameters.B1), NamedArray.Of("W2", parameters.W2), NamedArray.Of("b2", parameters.B2)]);
    }
}
