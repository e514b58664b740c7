using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>The C2 notebooks' <c>predict</c>: a forward pass without dropout, ŷ = 1 where A_L &gt; 0.5, accuracy = mean(ŷ == y).</summary>
public static class BinaryClassifier
{
    public static double[] Predict(ParameterSet parameters, Matrix x)
    {
        var network = new ReluSigmoidNetwork(parameters.LayerDims, x.Columns);
        network.Forward(parameters, x.Data, x.Columns);
        return network.Output.ToArray().Select(a => a > 0.5 ? 1.0 : 0.0).ToArray();
    }

    public static double Accuracy(ParameterSet parameters, Matrix x, Matrix y)
    {
        var predictions = Predict(parameters, x);
        return (double)predictions.Where((p, j) => p == y.Data[j]).Count() / predictions.Length;
    }
}
