using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Workers.Jobs;

/// <summary>
/// How a step-by-step job reports its unit tests (spec §0.5): <c>unit_tests_passed</c> and <c>unit_tests_total</c> at step 0,
/// and the artifact <c>unit_tests.json</c> with each test's name, computed and expected values and whether it passed.
/// </summary>
public static class UnitTestReport
{
    public const string ArtifactPath = "unit_tests.json";

    // A computed value may be NaN or infinite when a test goes wrong: write it as "NaN"/"Infinity" rather than fail the report.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Log(JobContext context, IReadOnlyList<UnitTestResult> results)
    {
        context.Metrics.Log("unit_tests_passed", results.Count(r => r.Passed), 0);
        context.Metrics.Log("unit_tests_total", results.Count, 0);
        context.Outputs.SaveText(ArtifactPath, ToJson(results));
    }

    public static string ToJson(IReadOnlyList<UnitTestResult> results) => JsonSerializer.Serialize(
        results.Select(r => new Row(r.Name, r.Computed, r.Expected, r.Passed)), Json);

    private sealed record Row(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("computed")] IReadOnlyList<double> Computed,
        [property: JsonPropertyName("expected")] IReadOnlyList<double> Expected,
        [property: JsonPropertyName("pass")] bool Pass);
}
