using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;

namespace Platform.Workers.Assignments.C2W1;

/// <summary>
/// c2w1-gradient-checking (spec §8): the 1-D check (J = θ·x, x = 3, θ = 4, the 2020/21 inputs) and the N-D check of the
/// notebook's buggy and corrected backward passes, each logged at step 0, and the three checks as <c>unit_tests.json</c>
/// with <c>unit_tests_passed</c>/<c>unit_tests_total</c>. Tiny tensors: CPU whatever the device. Always float64, with no
/// <c>dtype</c> hyperparameter: a two-sided difference with ε = 1e-7 is below float32's resolution (see the descriptor).
/// </summary>
public sealed class C2W1GradientCheckingJob : IAssignmentJob
{
    public const double X1D = 3;
    public const double Theta1D = 4;

    // The spec's §8 values (the 2020/21 inputs).
    public const double Expected1D = 7.814075313343006e-11;
    public const double ExpectedBuggy = 0.2850931567761623;
    public const double PrintedCorrected = 1.1890913024229996e-07;

    public AssignmentDescriptor Descriptor => C2W1GradientChecking.Descriptor;

    public void Run(JobContext context)
    {
        var epsilon = context.Hyperparameters.GetDouble("epsilon");
        var oneDimensional = OneDimensional(X1D, Theta1D, epsilon);
        context.Metrics.Log("gradient_check_difference_1d", oneDimensional, 0);

        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        var (x, y, parameters) = GradientCheckingNetwork.TestInput();
        var differences = new Dictionary<string, double>();
        foreach (var (key, buggy) in new[] { ("gradient_check_difference_buggy", true), ("gradient_check_difference", false) })
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var gradients = GradientCheckingNetwork.Backward(x, y, parameters, withNotebookBugs: buggy);
            differences[key] = GradientCheckingNetwork.Check(x, y, parameters, gradients, epsilon);
            context.Metrics.Log(key, differences[key], 0);
        }

        UnitTestReport.Log(context, UnitTests(oneDimensional, differences["gradient_check_difference_buggy"], differences["gradient_check_difference"]));
    }

    /// <summary>
    /// The notebook's checks as unit-test rows (spec §8): the 1-D and buggy differences EXACT (1e-6 relative); the corrected
    /// one passes inside its band [1e-7, 2e-7] (its expected value is the 2020/21 printed one, which float64 re-runs miss in
    /// the fourth digit).
    /// </summary>
    public static IReadOnlyList<UnitTestResult> UnitTests(double oneDimensional, double buggy, double corrected) =>
    [
        UnitTestResult.Compare("gradient_check (1-D, x = 3, theta = 4)", [oneDimensional], [Expected1D], 1e-6),
        UnitTestResult.Compare("gradient_check_n (notebook's buggy backward)", [buggy], [ExpectedBuggy], 1e-6),
        new UnitTestResult("gradient_check_n (corrected backward, band [1e-7, 2e-7])", [corrected], [PrintedCorrected], corrected is >= 1e-7 and <= 2e-7),
    ];

    /// <summary>gradient_check(x, theta): J(θ) = θ·x, dθ = x.</summary>
    public static double OneDimensional(double x, double theta, double epsilon) =>
        GradientCheck.Difference(t => t[0] * x, [theta], [x], epsilon);
}
