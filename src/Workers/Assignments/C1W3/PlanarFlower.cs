using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C1W3;

/// <summary>The notebook's <c>load_planar_dataset()</c>: 400 points of a two-class "flower" drawn from seed 1 (spec §3).</summary>
public static class PlanarFlower
{
    public const int PointsPerClass = 200;
    public const double PetalLength = 4;

    /// <summary>X (2, 400) with row 0 = x1, Y (1, 400) with labels 0 then 1.</summary>
    public static (Matrix X, Matrix Y) Generate()
    {
        var random = new NumpyRandom(1);
        const int n = PointsPerClass;
        var x = new Matrix(2, 2 * n);
        var y = new Matrix(1, 2 * n);
        for (var j = 0; j < 2; j++)
        {
            var theta = Linspace.Create(3.12 * j, 3.12 * (j + 1), n);
            var thetaNoise = random.Randn(n); // all 200 draws for t come before the 200 for r
            var t = new double[n];
            for (var i = 0; i < n; i++)
            {
                t[i] = theta[i] + thetaNoise[i] * 0.2;
            }

            var radiusNoise = random.Randn(n);
            for (var i = 0; i < n; i++)
            {
                var r = PetalLength * Math.Sin(4 * t[i]) + radiusNoise[i] * 0.2;
                var column = n * j + i;
                x[0, column] = r * Math.Sin(t[i]);
                x[1, column] = r * Math.Cos(t[i]);
                y[0, column] = j;
            }
        }

        return (x, y);
    }
}
