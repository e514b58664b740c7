using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using OptimizationAssignment = Platform.Contracts.Catalog.Assignments.C2W2Optimization;

namespace Platform.Workers.Assignments.C2W2Optimization;

/// <summary>
/// c2w2-optimization (spec §9) on make_moons(300, noise 0.2) generated in code after seed(3). Logs, at epochs 0, 1000, …:
/// <c>cost</c> (2020/21 average per example), <c>last_minibatch_cost</c> (2017), <c>train_accuracy</c> after that epoch's
/// updates (the assignment is judged by accuracy, and a sweep's early-stopping rungs need it at intermediate epochs; the
/// moons have no test set) and, with decay, <c>learning_rate</c>; then <c>train_accuracy</c> at the end (step = num_epochs,
/// the notebook's figure) and the artifacts of <see cref="ClassifierArtifacts"/>. Plain arrays on the CPU in the run's dtype
/// (float64 by default) whatever the device: the net is tiny.
/// </summary>
public sealed class C2W2OptimizationJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => OptimizationAssignment.Descriptor;

    public static (Matrix X, Matrix Y) TrainSet() => SklearnDatasets.MakeMoons(300, 0.2, seed: 3);

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var layersDims = h.GetIntList("layers_dims");
        var (x, y) = TrainSet(); // layers_dims starts at its 2 features and ends at 1 unit: the catalog checks it

        var options = new OptimizationOptions(
            h.GetString("optimizer"), h.GetDouble("learning_rate"), h.GetInt("mini_batch_size"), h.GetDouble("beta"),
            h.GetDouble("beta1"), h.GetDouble("beta2"), h.GetDouble("epsilon"), h.GetInt("num_epochs"),
            h.GetString("decay"), h.GetDouble("decay_rate"), h.GetInt("time_interval"), Dtypes.Parse(h.GetString(DtypeHyperparameter.Name)));
        var costs = new CostHistory(context.Metrics, "epoch");
        var parameters = OptimizationModel.Train(x, y, layersDims, options, report =>
        {
            costs.Log(report.Epoch, report.Cost);
            context.Metrics.Log("last_minibatch_cost", report.LastMinibatchCost, report.Epoch);
            context.Metrics.Log("train_accuracy", BinaryClassifier.Accuracy(report.Parameters, x, y, options.Dtype), report.Epoch);
            if (options.Decay != LearningRateDecay.None)
            {
                context.Metrics.Log("learning_rate", report.LearningRate, report.Epoch);
            }
        }, context.Cancellation, context.Checkpoints, costs);

        context.Metrics.Log("train_accuracy", BinaryClassifier.Accuracy(parameters, x, y, options.Dtype), options.NumEpochs);
        ClassifierArtifacts.Log(context, costs, parameters, x, y, $"Model with {options.Optimizer} optimization", options.Dtype);
    }
}
