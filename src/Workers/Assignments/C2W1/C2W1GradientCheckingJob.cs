using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;

namespace Platform.Workers.Assignments.C2W1;

/// <summary>
/// c2w1-gradient-checking (spec §8): the 1-D check (J = θ·x, x = 3, θ = 4, the 2020/21 inputs) and the N-D check of the
/// notebook's buggy and corrected backward passes, each logged at step 0. Tiny tensors: CPU whatever the device.
/// </summary>
public sealed class C2W1GradientCheckingJob : IAssignmentJob
{
    public const double X1D = 3;
    public const double Theta1D = 4;

    public AssignmentDescriptor Descriptor => C2W1GradientChecking.Descriptor;

    public void Run(JobContext context)
    {
        var epsilon = context.Hyperparameters.GetDouble("epsilon");
        context.Metrics.Log("gradient_check_difference_1d", OneDimensional(X1D, Theta1D, epsilon), 0);

        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        var (x, y, parameters) = GradientCheckingNetwork.TestInput();
        foreach (var (key, buggy) in new[] { ("gradient_check_difference_buggy", true), ("gradient_check_difference", false) })
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var gradients = GradientCheckingNetwork.Backward(x, y, parameters, withNotebookBugs: buggy);
            context.Metrics.Log(key, GradientCheckingNetwork.Check(x, y, parameters, gradients, epsilon), 0);
        }
    }

    /// <summary>gradient_check(x, theta): J(θ) = θ·x, dθ = x.</summary>
    public static double OneDimensional(double x, double theta, double epsilon) =>
        GradientCheck.Difference(t => t[0] * x, [theta], [x], epsilon);
}
