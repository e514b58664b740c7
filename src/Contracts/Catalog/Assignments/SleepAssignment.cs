namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// A built-in job that trains nothing: it waits <c>duration_ms</c> in total over <c>steps</c> steps and logs a deterministic
/// <c>loss</c> = metric + slope · step at each, so scheduler tests and benchmarks get predictable curves without TorchSharp.
/// It can also fail on purpose (<c>fail_at_step</c>, <c>failure</c>) to test how the platform survives a failing trial.
/// </summary>
public static class SleepAssignment
{
    public const string Id = "sleep";
    public const string FailureException = "exception";
    public const string FailureCrash = "crash";
    public const string FailureHang = "hang";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Sleep: waits and logs a straight-line loss (scheduler tests and benchmarks)",
        [
            new("duration_ms", HyperparameterType.Int, "0", "total time to wait, spread evenly over the steps", Min: 0, Max: 86_400_000),
            new("steps", HyperparameterType.Int, "10", "how many steps to log (1, 2, ..., steps)", Min: 1, Max: 1_000_000),
            new("metric", HyperparameterType.Float, "1.0", "the loss before step 1 (the line's intercept)"),
            new("slope", HyperparameterType.Float, "-0.01", "how much the loss changes per step"),
            new("fail_at_step", HyperparameterType.Int, "0", "the step at which to fail (0: never)", Min: 0, Max: 1_000_000),
            new("failure", HyperparameterType.String, FailureException, "how to fail at fail_at_step: throw, crash the process (FailFast, as a native fault would) or hang ignoring cancellation",
                Choices: [FailureException, FailureCrash, FailureHang]),
        ],
        ["loss"],
        []);
}
