using System.Text.Json;
using Platform.Cli.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory _home = new("platform-sweep");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Grid_sweep_runs_every_combination_and_prints_each_run()
    {
        var file = Path.Combine(_home.Path, "sweep.yaml");
        await File.WriteAllTextAsync(file, """
            assignment: c1w3-planar-data
            method: grid
            metric: {name: train_accuracy, goal: maximize}
            parameters:
              n_h:
                values: [1, 4]
              num_iterations:
                value: 1001
            """);

        var result = await PlatformProcess.RunAsync("sweep", "run", file, "--home", _home.Path, "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["1", "4"], runs.Select(r => r.GetProperty("params").GetProperty("n_h").GetString()));
        Assert.All(runs, r => Assert.Equal("FINISHED", r.GetProperty("status").GetString()));
        Assert.All(runs, r => Assert.Equal("1001", r.GetProperty("params").GetProperty("num_iterations").GetString()));
        Assert.All(runs, r => Assert.InRange(r.GetProperty("metrics").GetProperty("train_accuracy").GetDouble(), 0.4, 1.0));
    }

    [Fact]
    public async Task A_trial_pruned_by_early_stopping_is_reported_with_its_reason_and_is_not_a_failure()
    {
        // One worker runs the grid in order; each falling trial leads its rungs when it reaches them (steps 2 and 4), and the
        // rising third is not in the top 1/2 at the first.
        var file = Path.Combine(_home.Path, "asha.yaml");
        await File.WriteAllTextAsync(file, """
            assignment: sleep
            method: grid
            metric: {name: loss, goal: minimize}
            early_terminate: {type: hyperband, min_iter: 2, eta: 2}
            parameters:
              slope: {values: [-0.01, -0.02, 0.01]}
              steps: {value: 6}
              duration_ms: {value: 300}
            """);

        var result = await PlatformProcess.RunAsync("sweep", "run", file, "--home", _home.Path, "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["FINISHED", "FINISHED", "KILLED"], runs.Select(r => r.GetProperty("status").GetString()));
        var pruned = runs[2];
        Assert.Equal(("KILLED", "PRUNED"), (pruned.GetProperty("status").GetString(), pruned.GetProperty("outcome").GetString()));
        var reason = pruned.GetProperty("prune_reason").GetString()!;
        Assert.StartsWith("not in the top 1/2 of 3 trials at rung 0 (step 2)", reason);
        Assert.Contains($"run {pruned.GetProperty("run_id").GetString()} pruned by early stopping: {reason}", result.StandardError);
        Assert.DoesNotContain("error:", result.StandardError);
    }

    [Fact]
    public async Task Invalid_sweep_file_reports_the_yaml_line_and_parameter_path()
    {
        var file = Path.Combine(_home.Path, "bad.yaml");
        await File.WriteAllTextAsync(file, """
            assignment: c1w3-planar-data
            method: grid
            parameters:
              n_h:
                values: [1, -4]
            """);

        var result = await PlatformProcess.RunAsync("sweep", "run", file, "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("line 5", line);
        Assert.Contains("parameters.n_h.values[1]", line);
    }

    [Fact]
    public async Task Missing_sweep_file_is_named()
    {
        var result = await PlatformProcess.RunAsync("sweep", "run", "/nonexistent/sweep.yaml", "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: sweep file '/nonexistent/sweep.yaml' not found", result.StandardError.Trim());
    }
}
