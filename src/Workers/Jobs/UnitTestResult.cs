using Platform.Workers.Numerics;

namespace Platform.Workers.Jobs;

/// <summary>One notebook unit test: the values computed here, the notebook's expected values, and whether they agree.</summary>
public sealed record UnitTestResult(string Name, IReadOnlyList<double> Computed, IReadOnlyList<double> Expected, bool Passed)
{
    /// <summary>Passes when the lengths agree and every value matches as the notebook printed it (<see cref="PrintedPrecision"/>).</summary>
    public static UnitTestResult Compare(string name, double[] computed, double[] expected, double relativeTolerance) => new(
        name, computed, expected,
        computed.Length == expected.Length && computed.Zip(expected).All(p => PrintedPrecision.Matches(p.Second, p.First, relativeTolerance)));
}
