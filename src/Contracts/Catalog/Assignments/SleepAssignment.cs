namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// A built-in job that trains nothing: it waits <c>duration_ms</c> in total over <c>steps</c> steps and logs a deterministic
/// <c>loss</c> = metric + slope · step at each, so scheduler tests and benchmarks get predictable curves without TorchSharp.
/// </summary>
public static class SleepAssignment
{
    public const string Id = "sleep";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Sleep: waits and logs a straight-line loss (scheduler tests and benchmarks)",
        [
            new("duration_ms", HyperparameterType.Int, "0", "total time to wait, spread evenly over the steps", Min: 0, Max: 86_400_000),
            new("steps", HyperparameterType.Int, "10", "how many steps to log (1, 2, ..., steps)", Min: 1, Max: 1_000_000),
            new("metric", HyperparameterType.Float, "1.0", "the loss before step 1 (the line's intercept)"),
            new("slope", HyperparameterType.Float, "-0.01", "how much the loss changes per step"),
        ],
        ["loss"],
        []);
}
