namespace Platform.Workers.Numerics;

/// <summary>
/// numpy's float64 <c>np.sum</c> over a contiguous array: pairwise summation with blocks of 128 and eight accumulators.
/// Needed where a notebook prints a sum's last bit, e.g. an accuracy of Σ(ŷ = y)/m that prints 0.9999999999999998.
/// </summary>
public static class NumpySum
{
    private const int BlockSize = 128;
    private const int Lanes = 8;

    public static double Pairwise(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < Lanes)
        {
            var sum = 0.0;
            foreach (var value in values)
            {
                sum += value;
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[Lanes];
            values[..Lanes].CopyTo(r);
            var i = Lanes;
            for (; i < n - n % Lanes; i += Lanes)
            {
                for (var lane = 0; lane < Lanes; lane++)
                {
                    r[lane] += values[i + lane];
                }
            }

            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        var half = n / 2;
        half -= half % Lanes;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }
}
