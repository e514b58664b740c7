namespace Platform.Workers.Numerics;

/// <summary>
/// Two-sided gradient checking (course 2 week 1): each parameter is shifted by ±ε with all others unchanged, and the
/// centred difference of the cost is compared with the analytic gradient by ‖grad − approx‖₂ / (‖grad‖₂ + ‖approx‖₂).
/// </summary>
public static class GradientCheck
{
    /// <summary>The difference for <paramref name="gradient"/> at <paramref name="theta"/>; <paramref name="cost"/> must not modify its argument.</summary>
    public static double Difference(Func<double[], double> cost, IReadOnlyList<double> theta, IReadOnlyList<double> gradient, double epsilon)
    {
        if (theta.Count != gradient.Count)
        {
            throw new ArgumentException($"{theta.Count} parameters but {gradient.Count} gradient values");
        }

        var approximation = new double[theta.Count];
        var shifted = theta.ToArray();
        for (var i = 0; i < shifted.Length; i++)
        {
            var original = shifted[i];
            shifted[i] = original + epsilon;
            var plus = cost(shifted);
            shifted[i] = original - epsilon;
            var minus = cost(shifted);
            shifted[i] = original;
            approximation[i] = (plus - minus) / (2 * epsilon);
        }

        var error = new double[approximation.Length];
        for (var i = 0; i < error.Length; i++)
        {
            error[i] = gradient[i] - approximation[i];
        }

        return Norm(error) / (Norm(gradient) + Norm(approximation));
    }

    private static double Norm(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }
}
