using System.Numerics;
using System.Runtime.CompilerServices;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// The notebooks' parameter updates (spec §9), in place and element by element in their exact expression order, over
/// W_1, b_1, …, W_L, b_L. v and s are the optimiser state with the parameters' shapes, starting at zero. They compute in the
/// training's element type T; the hyperparameters and expressions of them alone (1-β, 1-β^t) are Python floats in the
/// notebooks, so they are computed in float64 and rounded to T, as numpy rounds a Python scalar against a float32 array.
/// </summary>
public static class Optimizers
{
    /// <summary>θ = θ - learning_rate·dθ.</summary>
    public static void GradientDescent<T>(ParameterArrays<T> parameters, ParameterArrays<T> gradients, double learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rate = T.CreateChecked(learningRate);
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            GradientDescent(parameters.W[l], gradients.W[l], rate);
            GradientDescent(parameters.B[l], gradients.B[l], rate);
        }
    }

    /// <summary>v = β·v + (1-β)·dθ; θ = θ - learning_rate·v.</summary>
    public static void Momentum<T>(ParameterArrays<T> parameters, ParameterArrays<T> gradients, ParameterArrays<T> v, double beta, double learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coefficients = (T.CreateChecked(beta), T.CreateChecked(1 - beta), T.CreateChecked(learningRate));
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            Momentum(parameters.W[l], gradients.W[l], v.W[l], coefficients);
            Momentum(parameters.B[l], gradients.B[l], v.B[l], coefficients);
        }
    }

    /// <summary>
    /// Adam at step t (1 for the first update): v = β1·v + (1-β1)·dθ, s = β2·s + (1-β2)·dθ², v̂ = v/(1-β1^t),
    /// ŝ = s/(1-β2^t), θ = θ - learning_rate·v̂/(√ŝ + ε) — ε outside the root, as the spec requires.
    /// </summary>
    public static void Adam<T>(
        ParameterArrays<T> parameters, ParameterArrays<T> gradients, ParameterArrays<T> v, ParameterArrays<T> s, int t,
        double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coefficients = new AdamCoefficients<T>(
            T.CreateChecked(beta1), T.CreateChecked(1 - beta1), T.CreateChecked(beta2), T.CreateChecked(1 - beta2),
            T.CreateChecked(1 - Math.Pow(beta1, t)), T.CreateChecked(1 - Math.Pow(beta2, t)), T.CreateChecked(learningRate), T.CreateChecked(epsilon));
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            Adam(parameters.W[l], gradients.W[l], v.W[l], s.W[l], coefficients);
            Adam(parameters.B[l], gradients.B[l], v.B[l], s.B[l], coefficients);
        }
    }

    private readonly record struct AdamCoefficients<T>(
        T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T FirstCorrection, T SecondCorrection, T LearningRate, T Epsilon);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientDescent<T>(T[] p, T[] g, T learningRate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = p[i] - learningRate * g[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Momentum<T>(T[] p, T[] g, T[] v, (T Beta, T OneMinusBeta, T LearningRate) c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < p.Length; i++)
        {
            v[i] = c.Beta * v[i] + c.OneMinusBeta * g[i];
            p[i] = p[i] - c.LearningRate * v[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Adam<T>(T[] p, T[] g, T[] v, T[] s, AdamCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < p.Length; i++)
        {
            v[i] = c.Beta1 * v[i] + c.OneMinusBeta1 * g[i];
            s[i] = c.Beta2 * s[i] + c.OneMinusBeta2 * (g[i] * g[i]);
            var vCorrected = v[i] / c.FirstCorrection;
            var sCorrected = s[i] / c.SecondCorrection;
            p[i] = p[i] - c.LearningRate * vCorrected / (T.Sqrt(sCorrected) + c.Epsilon);
        }
    }
}
