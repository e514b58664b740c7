using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.C2;

/// <summary>Shared helpers for the C2 job tests: contexts over the test data directory, and matrices from printed values.</summary>
internal static class C2TestSupport
{
    public static JobContext Context(AssignmentDescriptor descriptor, IMetricSink metrics, IReadOnlyDictionary<string, string>? raw = null) => new()
    {
        Hyperparameters = HyperparameterBinder.Bind(descriptor, raw ?? new Dictionary<string, string>()),
        Data = TestData.DataDirectory,
        Metrics = metrics,
    };

    /// <summary>Compares every value of a matrix to the notebook's printed rows (8 decimals printed: 1e-7 relative or half a unit).</summary>
    public static void Equal(double[,] expected, Matrix actual, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.Rows);
        Assert.Equal(expected.GetLength(1), actual.Columns);
        for (var i = 0; i < actual.Rows; i++)
        {
            for (var j = 0; j < actual.Columns; j++)
            {
                Expect.Printed(expected[i, j], actual[i, j], what: $"{what}[{i},{j}]");
            }
        }
    }

    public static double[] Values(IReadOnlyList<MetricPoint> points) => points.Select(p => p.Value).ToArray();
}
