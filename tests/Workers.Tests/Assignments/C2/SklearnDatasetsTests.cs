using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.C2;

public sealed class SklearnDatasetsTests
{
    [Theory]
    [InlineData("generated/init_circles_train.csv", 300, 1u)]
    [InlineData("generated/init_circles_test.csv", 100, 2u)]
    public void Circles_generated_in_code_equal_the_data_directorys_csv_to_1e_15(string file, int samples, uint seed)
    {
        var (x, y) = SklearnDatasets.MakeCircles(samples, 0.05, seed);

        AssertSame(LabelledPointsCsv.Read(TestData.DataDirectory.File(file)), x, y);
    }

    [Fact]
    public void Moons_generated_in_code_equal_the_data_directorys_csv_to_1e_15()
    {
        var (x, y) = SklearnDatasets.MakeMoons(300, 0.2, seed: 3);

        AssertSame(LabelledPointsCsv.Read(TestData.DataDirectory.File("generated/opt_moons_train.csv")), x, y);
    }

    /// <summary>
    /// Labels and order exactly; coordinates to 1e-15 absolute: the CSVs came from numpy, whose vectorised float64 sin/cos
    /// differ from glibc's (which Math.Sin uses) by an ulp of a unit-sized value here and there (more ulps where the noise
    /// cancels the point to near 0), far below anything a cost can show.
    /// </summary>
    private static void AssertSame((Matrix X, Matrix Y) expected, Matrix x, Matrix y)
    {
        Assert.Equal(expected.Y.Data, y.Data);
        Assert.Equal(expected.X.Data.Length, x.Data.Length);
        for (var i = 0; i < x.Data.Length; i++)
        {
            Assert.True(Math.Abs(expected.X.Data[i] - x.Data[i]) <= 1e-15, $"X value {i}: expected {expected.X.Data[i]:R}, got {x.Data[i]:R}");
        }
    }
}
