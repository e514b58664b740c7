using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Numerics;

public sealed class NumpySumTests
{
    [Fact]
    public void Two_hundred_and_nine_times_one_209th_sums_to_numpys_0_9999999999999998()
    {
        Assert.Equal(0.9999999999999998, NumpySum.Pairwise(Enumerable.Repeat(1.0 / 209, 209).ToArray()));
    }

    [Theory]
    [InlineData(new[] { 3, 50, 100 }, 0.9856459330143538)]
    [InlineData(new[] { 200, 201, 208 }, 0.9856459330143539)]
    public void Where_the_zeros_lie_changes_the_last_bit_as_in_numpy(int[] zeros, double numpySum)
    {
        var values = Enumerable.Repeat(1.0 / 209, 209).ToArray();
        foreach (var index in zeros)
        {
            values[index] = 0;
        }

        Assert.Equal(numpySum, NumpySum.Pairwise(values));
    }

    [Fact]
    public void Short_arrays_sum_left_to_right()
    {
        Assert.Equal(0.1 + 0.2 + 0.3, NumpySum.Pairwise([0.1, 0.2, 0.3]));
        Assert.Equal(0.0, NumpySum.Pairwise([]));
    }
}
