using System.Text.Json;
using Platform.Contracts.Catalog.Assignments;
using Platform.Workers.Assignments.C5W1RnnStepByStep;
using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;

namespace Platform.Workers.Tests.Assignments.RnnStepByStep;

/// <summary>Every EXACT unit-test value of spec §17, through the same cases the job runs.</summary>
public sealed class RnnUnitTestsTests
{
    private static readonly Lazy<IReadOnlyList<UnitTestResult>> Results = new(() =>
    {
        TorchRuntime.EnsureInitialized();
        return RnnUnitTests.RunAll();
    });

    private static readonly string[] CaseNames =
    [
        "rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward", "rnn_cell_backward",
        "rnn_backward", "lstm_cell_backward", "lstm_backward",
    ];

    public static TheoryData<string> Names => new(CaseNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_notebook_unit_test_reproduces_every_expected_value(string name)
    {
        var result = Assert.Single(Results.Value, r => r.Name == name);
        Expect.Printed(result.Expected, result.Computed, relative: RnnUnitTests.RelativeTolerance, what: name);
        Assert.True(result.Passed);
    }

    [Fact]
    public void The_suite_is_exactly_the_listed_cases()
    {
        Assert.Equal(CaseNames.Order(), Results.Value.Select(r => r.Name).Order());
    }

    [Fact]
    public void The_v3a_notebooks_printed_lstm_backward_would_fail()
    {
        // Spec §17: the v3a notebook did not carry da_prev/dc_prev between steps; its dx[1][2] must not be matched.
        var result = Assert.Single(Results.Value, r => r.Name == "lstm_backward");
        double[] printedByV3a = [0.01980463, -0.02745056, -0.31327706, 0.53886581];
        Assert.Contains(printedByV3a.Select((v, i) => PrintedPrecision.Matches(v, result.Computed[i], RnnUnitTests.RelativeTolerance)), m => !m);
    }

    [Fact]
    public void The_job_logs_all_unit_tests_passed_at_step_0_and_the_report_artifact()
    {
        var metrics = new RecordingMetricSink();
        var artifacts = new RecordingRunOutputs();

        new C5W1RnnStepByStepJob().Run(JobContexts.For(C5W1RnnStepByStep.Descriptor, metrics, outputs: artifacts));

        Assert.Equal([new MetricPoint("unit_tests_passed", CaseNames.Length, 0), new MetricPoint("unit_tests_total", CaseNames.Length, 0)],
            metrics.Points);
        using var report = JsonDocument.Parse(artifacts.Text(UnitTestReport.ArtifactPath));
        Assert.Equal(CaseNames, report.RootElement.EnumerateArray().Select(row => row.GetProperty("name").GetString()!).ToArray());
    }
}
