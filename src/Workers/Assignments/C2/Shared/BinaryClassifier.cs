using System.Numerics;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// The C2 notebooks' <c>predict</c>: a forward pass without dropout, ŷ = 1 where A_L &gt; 0.5, accuracy = mean(ŷ == y); in the
/// dtype the run trained in.
/// </summary>
public static class BinaryClassifier
{
    public static double[] Predict(ParameterSet parameters, Matrix x, Dtype dtype = Dtype.Float64) =>
        dtype == Dtype.Float32 ? Predict<float>(parameters, x) : Predict<double>(parameters, x);

    public static double Accuracy(ParameterSet parameters, Matrix x, Matrix y, Dtype dtype = Dtype.Float64)
    {
        var predictions = Predict(parameters, x, dtype);
        return (double)predictions.Where((p, j) => p == y.Data[j]).Count() / predictions.Length;
    }

    private static double[] Predict<T>(ParameterSet parameters, Matrix x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = new ReluSigmoidNetwork<T>(parameters.LayerDims, x.Columns);
        network.Forward(ParameterArrays<T>.From(parameters), Dtypes.Narrow<T>(x.Data), x.Columns);
        var half = T.CreateChecked(0.5);
        var output = network.Output;
        var predictions = new double[output.Length];
        for (var j = 0; j < output.Length; j++)
        {
            predictions[j] = output[j] > half ? 1 : 0;
        }

        return predictions;
    }
}
