using Platform.Cli.Local;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;
using Platform.Testing;

namespace Platform.Cli.Tests;

/// <summary>
/// Issue 3's "each main run also runs through the platform": the notebooks' main runs submitted through the API, trained by
/// the worker agent, and read back from the tracking store with the spec's exact final numbers.
/// </summary>
[Trait("Category", "Slow")]
public sealed class MainRunsThroughThePlatformTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("platform-main-runs");
    private EmbeddedPlatform _platform = null!;

    public async Task InitializeAsync() =>
        _platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Home = _home.Path, DataDirectory = TestDataDirectory.Path, Quiet = true });

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        _home.Dispose();
    }

    public static TheoryData<string, (string Metric, double Expected, double Tolerance)[]> MainRuns => new()
    {
        { "c1w3-planar-data", [("train_accuracy", 0.9075, 0.0025)] }, // the spec: 363/400, EXACT within one point
        { "c1w4-deep-nn-step-by-step", [("unit_tests_passed", 15, 0), ("unit_tests_total", 15, 0)] },
        { "c1w4-deep-nn-application", [("train_accuracy", 0.9856459330143539, 0), ("test_accuracy", 0.8, 0)] },
        { "c2w1-initialization", [("train_accuracy", 0.9933333333333333, 0), ("test_accuracy", 0.96, 0)] },
    };

    [Theory]
    [MemberData(nameof(MainRuns))]
    public async Task Main_run_logs_the_notebooks_final_numbers(string assignment, (string Metric, double Expected, double Tolerance)[] expectations)
    {
        var submitted = await _platform.Client.SubmitRunAsync(new RunSubmission(assignment));
        var run = (await _platform.Client.WaitForRunsAsync(submitted.RunIds, TimeSpan.FromMilliseconds(200))).Single();

        Assert.True(run.Info.Status == RunStatus.FINISHED, run.Data.Tag(PlatformTags.Error));
        foreach (var (metric, expected, tolerance) in expectations)
        {
            var actual = run.Data.LatestMetric(metric) ?? double.NaN;
            Assert.InRange(actual, expected - tolerance, expected + tolerance); // tolerance 0: exactly the spec's value
        }
    }
}
