using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W3SignsMlp;

/// <summary>The TensorFlow tutorial's warm-up functions (spec §10), in float64 as their EXACT values were computed.</summary>
public static class TensorFlowTutorialHelpers
{
    /// <summary>seed(1); X = randn(3,1), W = randn(4,3), b = randn(4,1); returns Y = W·X + b.</summary>
    public static Matrix LinearFunction()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(3, 1, random.Randn(3, 1));
        var w = new Matrix(4, 3, random.Randn(4, 3));
        var b = new Matrix(4, 1, random.Randn(4, 1));
        return Matrix.Multiply(w, x).AddColumn(b);
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>tf.nn.sigmoid_cross_entropy_with_logits in its stable form: max(z, 0) - z·y + log(1 + e^(-|z|)).</summary>
    public static double SigmoidCrossEntropyWithLogits(double logit, double label) =>
        Math.Max(logit, 0) - logit * label + Math.Log(1 + Math.Exp(-Math.Abs(logit)));

    /// <summary>one_hot(labels, C) as (C, m): row = class, column = example.</summary>
    public static Matrix OneHot(IReadOnlyList<int> labels, int classes)
    {
        var result = new Matrix(classes, labels.Count);
        for (var j = 0; j < labels.Count; j++)
        {
            result[labels[j], j] = 1;
        }

        return result;
    }
}
