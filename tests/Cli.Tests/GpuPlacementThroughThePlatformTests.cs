using Platform.Cli.Tests.Infrastructure;
using Platform.Contracts.Api;
using Platform.Contracts.Grains;
using Platform.Contracts.Tracking;

namespace Platform.Cli.Tests;

/// <summary>
/// The real worker agent with simulated GPUs (a configured device list): it advertises them, the scheduler places trials by
/// the needs their runs declare, and each trial trains on the device its lease grants (the <c>platform.device</c> tag).
/// </summary>
public sealed class GpuPlacementThroughThePlatformTests()
    : EmbeddedPlatformTest("platform-gpus", concurrentTrials: 4, trialsInOwnProcess: false, gpus: "0:8192,1:8192")
{
    [Fact]
    public async Task Whole_gpu_runs_train_on_separate_devices_and_a_cpu_run_on_the_cpu()
    {
        var wholeGpu = new Dictionary<string, double> { ["gpu"] = 1 };
        var first = await SubmitSleepAsync(wholeGpu);
        var second = await SubmitSleepAsync(wholeGpu);
        var cpu = await SubmitSleepAsync(null);

        var runs = await Platform.Client.WaitForRunsAsync([first, second, cpu], TimeSpan.FromMilliseconds(100));

        Assert.All(runs, r => Assert.Equal(RunStatus.FINISHED, r.Info.Status));
        Assert.Equal(["cuda:0", "cuda:1"], runs.Take(2).Select(r => r.Data.Tag(TrialTags.Device)).Order());
        Assert.Equal("cpu", runs[2].Data.Tag(TrialTags.Device));
    }

    [Fact]
    public async Task A_run_asking_for_impossible_resources_is_refused_naming_the_field()
    {
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() =>
            Platform.Client.SubmitRunAsync(new RunSubmission("sleep", Resources: new Dictionary<string, double> { ["gpu"] = 2.5 })));

        Assert.Equal(ErrorCodes.InvalidParameterValue, refused.ErrorCode);
        Assert.Contains("resources.gpu: must be a fraction of one GPU in [0, 1] or a whole number up to 16, got 2.5", refused.Message);
    }

    private async Task<string> SubmitSleepAsync(IReadOnlyDictionary<string, double>? resources) =>
        (await Platform.Client.SubmitRunAsync(new RunSubmission("sleep",
            new Dictionary<string, string> { ["duration_ms"] = "1500", ["steps"] = "3" }, Resources: resources))).RunIds.Single();
}
