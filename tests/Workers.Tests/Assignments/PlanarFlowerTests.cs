using System.Globalization;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments;

public sealed class PlanarFlowerTests
{
    /// <summary>
    /// The CSV came from numpy, whose vectorised float64 sin/cos differ from glibc's (which .NET's Math.Sin uses) by an ulp
    /// or so; through r = 4·sin(4t) + noise and r·sin t that shows as 0-5 ulps per coordinate (about 1e-15 absolute),
    /// which leaves every notebook cost unchanged at the printed precision.
    /// </summary>
    [Fact]
    public void The_generated_flower_equals_the_reference_csv_to_a_few_ulps()
    {
        var (x, y) = PlanarFlower.Generate();
        var rows = File.ReadLines(TestData.DataDirectory.File("generated/planar_flower.csv")).Skip(1)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

        Assert.Equal(400, rows.Length);
        Assert.Equal(400, x.Columns);
        for (var i = 0; i < rows.Length; i++)
        {
            WithinUlps(rows[i][0], x[0, i], 8, $"x1[{i}]");
            WithinUlps(rows[i][1], x[1, i], 8, $"x2[{i}]");
            Assert.Equal(rows[i][2], y[0, i]);
        }
    }

    [Fact]
    public void The_first_points_are_the_notebooks()
    {
        var (x, y) = PlanarFlower.Generate();

        WithinUlps(1.2044422922543192, x[0, 0], 1, "x1[0]");
        WithinUlps(3.5761141481288452, x[1, 0], 1, "x2[0]");
        WithinUlps(0.15870990398255375, x[0, 1], 1, "x1[1]");
        WithinUlps(-1.4821709003683443, x[1, 1], 1, "x2[1]");
        Assert.Equal((0.0, 0.0, 1.0), (y[0, 0], y[0, 199], y[0, 200]));
    }

    [Fact]
    public void Linspace_ends_exactly_at_stop()
    {
        var values = Linspace.Create(3.12, 6.24, 200);

        Assert.Equal(3.12, values[0]);
        Assert.Equal(6.24, values[^1]);
    }

    private static void WithinUlps(double expected, double actual, long ulps, string what)
    {
        var distance = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        Assert.True(Math.Sign(expected) == Math.Sign(actual) && distance <= ulps,
            $"{what}: expected {expected:R}, got {actual:R} ({distance} ulps apart, {ulps} allowed)");
    }
}
