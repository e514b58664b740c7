namespace Platform.Workers.Numerics;

/// <summary>numpy's <c>linspace</c>, with the same arithmetic so generated data sets match numpy's to the bit.</summary>
public static class Linspace
{
    /// <summary>start + i·step, step = (stop-start)/(n-1) with the endpoint (the last value then set to stop), (stop-start)/n without.</summary>
    public static double[] Create(double start, double stop, int count, bool endpoint = true)
    {
        var result = new double[count];
        var step = (stop - start) / (endpoint ? count - 1 : count);
        for (var i = 0; i < count; i++)
        {
            result[i] = i * step + start;
        }

        if (endpoint && count > 1)
        {
            result[^1] = stop;
        }

        return result;
    }
}
