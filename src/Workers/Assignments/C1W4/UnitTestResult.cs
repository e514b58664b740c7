namespace Platform.Workers.Assignments.C1W4;

/// <summary>One notebook unit test: the values computed here, the notebook's expected values, and whether they agree.</summary>
public sealed record UnitTestResult(string Name, IReadOnlyList<double> Computed, IReadOnlyList<double> Expected, bool Passed);
