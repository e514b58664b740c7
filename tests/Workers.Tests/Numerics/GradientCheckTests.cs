using Platform.Workers.Assignments.C2W1;
using Platform.Workers.Numerics;

namespace Platform.Workers.Tests.Numerics;

/// <summary>The 1-D gradient check of spec §8 (J = θ·x, dθ = x), both notebook versions, EXACT.</summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void One_dimensional_check_2017_inputs_give_the_exact_difference()
    {
        Assert.Equal(2.919335883291695e-10, C2W1GradientCheckingJob.OneDimensional(x: 2, theta: 4, epsilon: 1e-7), 1e-6 * 2.9e-10);
    }

    [Fact]
    public void One_dimensional_check_2020_inputs_give_the_exact_difference()
    {
        Assert.Equal(7.814075313343006e-11, C2W1GradientCheckingJob.OneDimensional(x: 3, theta: 4, epsilon: 1e-7), 1e-6 * 7.8e-11);
    }

    [Fact]
    public void A_wrong_gradient_gives_a_large_difference_and_the_cost_sees_every_parameter_shifted_alone()
    {
        var seen = new List<double[]>();
        var difference = GradientCheck.Difference(
            t =>
            {
                seen.Add((double[])t.Clone());
                return t[0] * t[0] + 3 * t[1];
            },
            [1.0, 2.0], [2.0, 6.0], 1e-4);

        Assert.Equal(4, seen.Count);
        Assert.Equal([1.0001, 2.0], seen[0]);
        Assert.Equal([1.0, 1.9999], seen[3]);
        Assert.InRange(difference, 0.2, 0.4);
    }
}
