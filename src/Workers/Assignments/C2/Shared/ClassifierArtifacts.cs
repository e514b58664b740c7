using Platform.Workers.Jobs;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>The artifacts of a C2 2-D classifier run: cost curve, decision boundary over its training points, parameters.</summary>
public static class ClassifierArtifacts
{
    public static void Log(JobContext context, CostHistory costs, ParameterSet parameters, Matrix x, Matrix y, string title, Dtype dtype)
    {
        RunArtifacts.LogCostCurve(context, costs, title);
        RunArtifacts.LogDecisionBoundary(context, x.Data, y.Data,
            (x1, x2) => BinaryClassifier.Predict(parameters, new Matrix(2, x1.Length, [.. x1, .. x2]), dtype), title);
        RunArtifacts.LogParameters(context, Named(parameters));
    }

    /// <summary>W1, b1, …, WL, bL as the notebooks' parameters dictionary names them.</summary>
    public static IEnumerable<NamedArray> Named(ParameterSet parameters) => Enumerable.Range(0, parameters.LayerCount).SelectMany(l => new[]
    {
        NamedArray.Of($"W{l + 1}", parameters.W[l]),
        NamedArray.Of($"b{l + 1}", parameters.B[l]),
    });
}
