using System.Text.Json;
using Platform.Cli.Tests.Infrastructure;
using Platform.Testing;

namespace Platform.Cli.Tests;

/// <summary>The <c>platform run</c> verb as a user runs it: a child process, its output, its exit code.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _home = new("platform-cli");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Logistic_regression_main_run_prints_the_notebook_numbers_as_json()
    {
        var result = await PlatformProcess.RunAsync("run", "c1w2-logistic-regression", "--data-dir", TestDataDirectory.Path, "--home", _home.Path, "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(32, run.GetProperty("run_id").GetString()!.Length);
        Assert.Equal("FINISHED", run.GetProperty("status").GetString());
        Assert.Equal("2000", run.GetProperty("params").GetProperty("num_iterations").GetString());
        Assert.Equal("0.005", run.GetProperty("params").GetProperty("learning_rate").GetString());
        var metrics = run.GetProperty("metrics");
        Assert.Equal(0.140872, metrics.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(0.9904306220095694, metrics.GetProperty("train_accuracy").GetDouble());
        Assert.Equal(0.70, metrics.GetProperty("test_accuracy").GetDouble());
    }

    [Fact]
    public async Task Unknown_assignment_is_a_one_line_error_naming_it()
    {
        var result = await PlatformProcess.RunAsync("run", "c9w9-nothing", "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: assignment: unknown assignment 'c9w9-nothing'", line);
        Assert.Contains("c1w2-logistic-regression", line);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Unknown_parameter_is_a_one_line_error_naming_it()
    {
        var result = await PlatformProcess.RunAsync("run", "c1w3-planar-data", "--set", "hidden_units=4", "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: params.hidden_units: unknown hyperparameter 'hidden_units' for c1w3-planar-data", line);
    }

    [Fact]
    public async Task Out_of_range_parameter_is_rejected_before_the_run_starts()
    {
        var result = await PlatformProcess.RunAsync("run", "c1w2-logistic-regression", "--set", "learning_rate=-0.1",
            "--data-dir", TestDataDirectory.Path, "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: params.learning_rate: must be in (0, 100], got -0.1", result.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(_home.Path, "platform.db")), "no platform may start, so no store is created");
    }

    [Fact]
    public async Task Missing_data_directory_is_a_one_line_error_and_no_run_is_created()
    {
        var missing = Path.Combine(_home.Path, "no-such-data");
        var result = await PlatformProcess.RunAsync("run", "c1w2-logistic-regression", "--data-dir", missing, "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: data directory '{missing}' does not exist", line);
        Assert.False(File.Exists(Path.Combine(_home.Path, "platform.db")));
    }

    [Fact]
    public async Task Missing_data_file_fails_the_run_with_the_file_and_directory_named()
    {
        using var emptyData = new TempDirectory("platform-empty-data");
        var result = await PlatformProcess.RunAsync("run", "c1w2-logistic-regression", "--data-dir", emptyData.Path, "--home", _home.Path, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var run = Assert.Single(json.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        // One error line; on a loaded machine the embedded platform may also log a transient warning (the worker waiting for
        // the API or the scheduler while the host starts), which is not part of the error.
        var error = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.Contains(" warn: "));
        Assert.StartsWith("error: ", error);
        Assert.Contains("data file 'catvnoncat/train_catvnoncat.h5' not found in data directory", error);
        Assert.Contains(emptyData.Path, error);
    }

    [Fact]
    public async Task Malformed_set_option_is_rejected()
    {
        var result = await PlatformProcess.RunAsync("run", "c1w3-planar-data", "--set", "n_h", "--home", _home.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --set expects name=value, got 'n_h'", result.StandardError.Trim());
    }

    [Fact]
    public async Task Assignments_json_lists_the_catalog_with_types_defaults_and_metrics()
    {
        var result = await PlatformProcess.RunAsync("assignments", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var logistic = json.RootElement.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "c1w2-logistic-regression");
        var rate = logistic.GetProperty("hyperparameters").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "learning_rate");
        Assert.Equal("Float", rate.GetProperty("type").GetString());
        Assert.Equal("0.005", rate.GetProperty("default").GetString());
        Assert.Equal(["cost", "train_accuracy", "test_accuracy"], logistic.GetProperty("metric_keys").EnumerateArray().Select(m => m.GetString()));
    }
}
