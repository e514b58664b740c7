using System.Globalization;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Jobs;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;

namespace Platform.Workers.Tests.Assignments.DeepNnStepByStep;

/// <summary>Every EXACT unit-test value of spec §4, through the same cases the job runs.</summary>
public sealed class StepByStepUnitTestsTests
{
    private static readonly Lazy<IReadOnlyList<UnitTestResult>> Results = new(() =>
    {
        TorchRuntime.EnsureInitialized();
        return StepByStepUnitTests.RunAll();
    });

    private static readonly string[] CaseNames =
    [
        "initialize_parameters(3,2,1)", "initialize_parameters(2,2,1) 2017", "initialize_parameters_deep([5,4,3])",
        "linear_forward", "linear_activation_forward sigmoid", "linear_activation_forward relu", "L_model_forward AL",
        "L_model_forward caches", "compute_cost", "compute_cost 2017", "linear_backward", "linear_activation_backward sigmoid",
        "linear_activation_backward relu", "L_model_backward", "update_parameters",
    ];

    public static TheoryData<string> Names => new(CaseNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_notebook_unit_test_reproduces_every_expected_value(string name)
    {
        var result = Assert.Single(Results.Value, r => r.Name == name);
        Expect.Printed(result.Expected, result.Computed, relative: StepByStepUnitTests.RelativeTolerance, what: name);
        Assert.True(result.Passed);
    }

    [Fact]
    public void The_suite_is_exactly_the_listed_cases()
    {
        Assert.Equal(CaseNames.Order(), Results.Value.Select(r => r.Name).Order());
    }

    [Fact]
    public void A_wrong_value_would_fail_its_case()
    {
        var cost = Assert.Single(Results.Value, r => r.Name == "compute_cost");
        var shifted = cost.Computed[0] * (1 + 1e-6);
        Assert.False(Platform.Workers.Numerics.PrintedPrecision.Matches(cost.Expected[0], shifted, StepByStepUnitTests.RelativeTolerance),
            shifted.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_job_logs_all_unit_tests_passed_at_step_0()
    {
        var metrics = new RecordingMetricSink();

        new C1W4DeepNnStepByStepJob().Run(JobContexts.For(C1W4DeepNnStepByStep.Descriptor, metrics));

        Assert.Equal([new MetricPoint("unit_tests_passed", 15, 0), new MetricPoint("unit_tests_total", 15, 0)], metrics.Points);
    }
}
