using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Assignments.C2W1;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.GradientChecking;

/// <summary>The N-D gradient check of spec §8, and the checker run over the c1w4 L-layer backward pass.</summary>
public sealed class GradientCheckingNetworkTests
{
    private const double Epsilon = 1e-7;

    public GradientCheckingNetworkTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void The_notebooks_buggy_backward_gives_the_exact_difference()
    {
        using var scope = torch.NewDisposeScope();
        var (x, y, parameters) = GradientCheckingNetwork.TestInput();

        var gradients = GradientCheckingNetwork.Backward(x, y, parameters, withNotebookBugs: true);

        Expect.Printed(0.2850931567761623, GradientCheckingNetwork.Check(x, y, parameters, gradients, Epsilon), relative: 1e-6);
    }

    [Fact]
    public void The_corrected_backward_passes_within_the_notebooks_band()
    {
        using var scope = torch.NewDisposeScope();
        var (x, y, parameters) = GradientCheckingNetwork.TestInput();

        var gradients = GradientCheckingNetwork.Backward(x, y, parameters, withNotebookBugs: false);

        Assert.InRange(GradientCheckingNetwork.Check(x, y, parameters, gradients, Epsilon), 1e-7, 2e-7);
    }

    [Fact]
    public void The_test_input_has_the_notebooks_47_parameters_and_round_trips_through_a_vector()
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, parameters) = GradientCheckingNetwork.TestInput();

        var theta = GradientCheckingNetwork.ToVector(parameters);
        var back = GradientCheckingNetwork.FromVector(theta, parameters);

        Assert.Equal(47, theta.Length);
        Assert.Equal(theta, GradientCheckingNetwork.ToVector(back));
        Assert.Equal(parameters.Select(p => p.W.shape), back.Select(p => p.W.shape));
    }

    [Fact]
    public void The_checker_confirms_the_c1w4_L_layer_backward_pass()
    {
        using var scope = torch.NewDisposeScope();
        var random = new NumpyRandom(21);
        int[] dims = [5, 4, 3, 1];
        var x = Float64Tensors.Randn(random, dims[0], 6);
        var y = Float64Tensors.FromRowMajor([1, 0, 0, 1, 1, 0], [1, 6]);
        var parameters = DeepNetwork.InitializeParametersDeep(dims, seed: 2, WeightScale.DivideBySqrtFanIn);

        var (al, caches) = DeepNetwork.LModelForward(x, parameters);
        var gradients = DeepNetwork.LModelBackward(al, y, caches);
        var difference = GradientCheckingNetwork.Check(x, y, parameters, gradients, epsilon: 1e-6, cost: CrossEntropy);

        Assert.True(difference < 1e-7, $"difference {difference}");
    }

    [Fact]
    public void The_job_logs_the_three_differences_at_step_0_and_them_as_passing_unit_tests()
    {
        var metrics = new RecordingMetricSink();
        var artifacts = new RecordingRunOutputs();

        new C2W1GradientCheckingJob().Run(JobContexts.For(C2W1GradientChecking.Descriptor, metrics, outputs: artifacts));

        Assert.Equal(
            ["gradient_check_difference_1d", "gradient_check_difference_buggy", "gradient_check_difference", "unit_tests_passed", "unit_tests_total"],
            metrics.Points.Select(p => p.Key));
        Assert.Equal(3, metrics.Single("unit_tests_passed"));
        Assert.Equal(3, metrics.Single("unit_tests_total"));
        var rows = System.Text.Json.JsonDocument.Parse(artifacts.Text("unit_tests.json")).RootElement.EnumerateArray().ToArray();
        Assert.Equal(metrics.Single("gradient_check_difference_buggy"), rows[1].GetProperty("computed")[0].GetDouble());
        Assert.All(rows, row => Assert.True(row.GetProperty("pass").GetBoolean()));
        Assert.All(metrics.Points, p => Assert.Equal(0, p.Step));
        Expect.Printed(7.814075313343006e-11, metrics.Single("gradient_check_difference_1d"), relative: 1e-6);
        Expect.Printed(0.2850931567761623, metrics.Single("gradient_check_difference_buggy"), relative: 1e-6);
        Assert.InRange(metrics.Single("gradient_check_difference"), 1e-7, 2e-7);
    }

    private static double CrossEntropy(Tensor x, Tensor y, IReadOnlyList<LayerParameters> parameters) =>
        DeepNetwork.ComputeCost(DeepNetwork.LModelForward(x, parameters).AL, y);
}

public sealed class GradientCheckingUnitTestRowsTests
{
    [Theory]
    [InlineData(7.814075313343006e-11, 0.2850931567761623, 1.1890913024229996e-07, new[] { true, true, true })]
    [InlineData(7.9e-11, 0.285, 2.1e-07, new[] { false, false, false })] // off in the 3rd digit, and outside the band
    [InlineData(7.814075313343006e-11, 0.2850931567761623, 0.9e-07, new[] { true, true, false })]
    public void Rows_pass_exactly_for_the_exact_values_and_inside_the_band_for_the_corrected_one(double oneD, double buggy, double corrected, bool[] passes)
    {
        Assert.Equal(passes, C2W1GradientCheckingJob.UnitTests(oneD, buggy, corrected).Select(r => r.Passed));
    }
}
