using System.Runtime.CompilerServices;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// The notebooks' parameter updates (spec §9), in place and element by element in their exact expression order, over
/// W_1, b_1, …, W_L, b_L. v and s are the optimiser state with the parameters' shapes, starting at zero.
/// </summary>
public static class Optimizers
{
    /// <summary>θ = θ - learning_rate·dθ.</summary>
    public static void GradientDescent(ParameterSet parameters, ParameterSet gradients, double learningRate)
    {
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            GradientDescent(parameters.W[l], gradients.W[l], learningRate);
            GradientDescent(parameters.B[l], gradients.B[l], learningRate);
        }
    }

    /// <summary>v = β·v + (1-β)·dθ; θ = θ - learning_rate·v.</summary>
    public static void Momentum(ParameterSet parameters, ParameterSet gradients, ParameterSet v, double beta, double learningRate)
    {
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            Momentum(parameters.W[l], gradients.W[l], v.W[l], beta, learningRate);
            Momentum(parameters.B[l], gradients.B[l], v.B[l], beta, learningRate);
        }
    }

    /// <summary>
    /// Adam at step t (1 for the first update): v = β1·v + (1-β1)·dθ, s = β2·s + (1-β2)·dθ², v̂ = v/(1-β1^t),
    /// ŝ = s/(1-β2^t), θ = θ - learning_rate·v̂/(√ŝ + ε) — ε outside the root, as the spec requires.
    /// </summary>
    public static void Adam(
        ParameterSet parameters, ParameterSet gradients, ParameterSet v, ParameterSet s, int t,
        double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        var corrections = new AdamCorrections(1 - Math.Pow(beta1, t), 1 - Math.Pow(beta2, t));
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            Adam(parameters.W[l], gradients.W[l], v.W[l], s.W[l], corrections, learningRate, beta1, beta2, epsilon);
            Adam(parameters.B[l], gradients.B[l], v.B[l], s.B[l], corrections, learningRate, beta1, beta2, epsilon);
        }
    }

    private readonly record struct AdamCorrections(double First, double Second);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientDescent(Matrix parameter, Matrix gradient, double learningRate)
    {
        var p = parameter.Data;
        var g = gradient.Data;
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = p[i] - learningRate * g[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Momentum(Matrix parameter, Matrix gradient, Matrix velocity, double beta, double learningRate)
    {
        var p = parameter.Data;
        var g = gradient.Data;
        var v = velocity.Data;
        for (var i = 0; i < p.Length; i++)
        {
            v[i] = beta * v[i] + (1 - beta) * g[i];
            p[i] = p[i] - learningRate * v[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Adam(
        Matrix parameter, Matrix gradient, Matrix first, Matrix second, AdamCorrections corrections,
        double learningRate, double beta1, double beta2, double epsilon)
    {
        var p = parameter.Data;
        var g = gradient.Data;
        var v = first.Data;
        var s = second.Data;
        for (var i = 0; i < p.Length; i++)
        {
            v[i] = beta1 * v[i] + (1 - beta1) * g[i];
            s[i] = beta2 * s[i] + (1 - beta2) * (g[i] * g[i]);
            var vCorrected = v[i] / corrections.First;
            var sCorrected = s[i] / corrections.Second;
            p[i] = p[i] - learningRate * vCorrected / (Math.Sqrt(sCorrected) + epsilon);
        }
    }
}
