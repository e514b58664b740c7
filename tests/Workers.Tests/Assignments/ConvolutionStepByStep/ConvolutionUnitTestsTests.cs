using System.Text.Json;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C4W1ConvolutionStepByStep;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;

namespace Platform.Workers.Tests.Assignments.ConvolutionStepByStep;

/// <summary>Every EXACT unit-test value of spec §11 (2017 v1, v2/2020 and 2021), through the same cases the job runs.</summary>
public sealed class ConvolutionUnitTestsTests
{
    private static readonly Lazy<IReadOnlyList<UnitTestResult>> Results = new(() =>
    {
        TorchRuntime.EnsureInitialized();
        return ConvolutionUnitTests.RunAll();
    });

    private static readonly string[] CaseNames =
    [
        "zero_pad", "conv_single_step", "conv_single_step 2017 v1", "conv_forward", "conv_forward 2017 v1", "conv_forward 2021",
        "pool_forward 2017 v1 max", "pool_forward max", "pool_forward average", "pool_forward 2021 stride 1 max",
        "pool_forward 2021 stride 1 average", "pool_forward 2021 stride 2 max", "conv_backward", "conv_backward 2017 v1",
        "create_mask_from_window", "distribute_value", "pool_backward max", "pool_backward average",
    ];

    public static TheoryData<string> Names => new(CaseNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_notebook_unit_test_reproduces_every_expected_value(string name)
    {
        var result = Assert.Single(Results.Value, r => r.Name == name);
        Expect.Printed(result.Expected, result.Computed, relative: ConvolutionUnitTests.RelativeTolerance, what: name);
        Assert.True(result.Passed);
    }

    [Theory]
    [InlineData("zero_pad")]
    [InlineData("create_mask_from_window")]
    [InlineData("pool_backward max")]
    public void Expected_zeros_and_booleans_are_computed_exactly(string name)
    {
        // A printed "0." only fixes half a unit; these are exact by construction, so demand them exactly.
        var result = Assert.Single(Results.Value, r => r.Name == name);
        for (var i = 0; i < result.Expected.Count; i++)
        {
            if (result.Expected[i] is 0 or 1)
            {
                Assert.Equal(result.Expected[i], result.Computed[i]);
            }
        }
    }

    [Fact]
    public void The_suite_is_exactly_the_listed_cases()
    {
        Assert.Equal(CaseNames.Order(), Results.Value.Select(r => r.Name).Order());
    }

    [Fact]
    public void A_wrong_value_would_fail_its_case()
    {
        var step = Assert.Single(Results.Value, r => r.Name == "conv_single_step");
        Assert.False(PrintedPrecision.Matches(step.Expected[0], step.Computed[0] * (1 + 1e-6), ConvolutionUnitTests.RelativeTolerance));
    }

    [Fact]
    public void The_job_logs_all_unit_tests_passed_at_step_0_and_the_report_artifact()
    {
        var metrics = new RecordingMetricSink();
        var artifacts = new RecordingRunOutputs();

        new C4W1ConvolutionStepByStepJob().Run(JobContexts.For(C4W1ConvolutionStepByStep.Descriptor, metrics, outputs: artifacts));

        Assert.Equal([new MetricPoint("unit_tests_passed", CaseNames.Length, 0), new MetricPoint("unit_tests_total", CaseNames.Length, 0)],
            metrics.Points);
        using var report = JsonDocument.Parse(artifacts.Text(UnitTestReport.ArtifactPath));
        Assert.Equal(CaseNames.Length, report.RootElement.GetArrayLength());
        Assert.All(report.RootElement.EnumerateArray(), row => Assert.True(row.GetProperty("pass").GetBoolean()));
        var first = report.RootElement[0];
        Assert.Equal("zero_pad", first.GetProperty("name").GetString());
        Assert.Equal(7, first.GetProperty("computed")[1].GetDouble());
        Assert.Equal(7, first.GetProperty("expected")[1].GetDouble());
    }
}
