namespace Platform.Silo.Sweeps.Tpe;

/// <summary>Optuna's default_weights: with 25 or more observations the oldest ones fade linearly, the newest 25 weigh 1.</summary>
internal static class ParzenWeights
{
    private const int Flat = 25;

    /// <param name="count">Observations, ordered oldest first.</param>
    public static double[] For(int count)
    {
        var weights = Enumerable.Repeat(1.0, count).ToArray();
        if (count < Flat)
        {
            return weights;
        }

        // numpy.linspace(1 / n, 1, n - 25) for the oldest n - 25.
        var ramp = count - Flat;
        for (var i = 0; i < ramp; i++)
        {
            var start = 1.0 / count;
            weights[i] = ramp == 1 ? start : start + ((1.0 - start) * i / (ramp - 1));
        }

        return weights;
    }
}
