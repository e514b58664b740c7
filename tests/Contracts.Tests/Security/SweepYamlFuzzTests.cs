using System.Diagnostics;
using CsCheck;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Tests.Security;

/// <summary>
/// The sweep file parser and planner under thousands of random and hostile YAML documents: each is a plan or a
/// <see cref="PlatformValidationException"/> (the API's 400 naming the field and line), never another exception, and never a plan
/// with more trials than the limits allow.
/// </summary>
public sealed class SweepYamlFuzzTests
{
    private static readonly string[] Keys =
        ["assignment", "method", "parameters", "run_cap", "metric", "early_terminate", "name", "experiment", "description", "program", "x"];

    private static readonly string[] Values =
    [
        "sleep", "c1w2-logistic-regression", "grid", "random", "bayes", "hyperband", "-1", "0", "1", "10001", "99999999999999999999", "1e309", ".nan",
        "~", "null", "true", "''", "\"\\u0000\"", "[1, 2", "{values: [1, 2, 3]}", "{value: 5}", "{distribution: uniform, min: 1, max: 0}",
        "{distribution: log_uniform_values, min: 0, max: 1}", "{values: []}", "{name: loss, goal: sideways}", "{type: hyperband, min_iter: -3}",
        "&a [1, 2]", "*a", "*undefined", "!!binary AAAA", "!!python/object:os.system", "<<: *a", "{", "}", "]", "- - -", "|", ">", "'unterminated",
        "\t", "é😀", "{duration_ms: {values: [1, 2]}, slope: {values: [0.1, 0.2]}}", "{steps: {min: 1, max: 5}}",
    ];

    private static readonly Gen<string> Line = Gen.Select(Gen.Int[0, 4], Gen.OneOf(Keys), Gen.OneOf(Values))
        .Select((indent, key, value) => $"{new string(' ', indent * 2)}{key}: {value}");

    private static readonly Gen<string> Documents = Gen.Frequency<string>(
        (5, Line.Array[0, 10].Select(lines => string.Join('\n', lines))),
        (2, Line.Array[0, 6].Select(lines => "assignment: sleep\nmethod: grid\nparameters:\n" + string.Join('\n', lines.Select(l => "  " + l)))),
        (1, Gen.String[Gen.Char, 0, 200]));

    [Fact]
    public void Any_document_is_a_plan_within_limits_or_a_validation_error() =>
        Documents.Sample(yaml =>
        {
            try
            {
                var plan = SweepPlanner.Plan(yaml);
                Assert.True(plan.Trials.Count <= GridExpander.MaxTrials);
                Assert.True((plan.Spec.RunCap ?? 0) <= GridExpander.MaxTrials);
            }
            catch (PlatformValidationException)
            {
            }
        }, iter: 10_000);

    [Fact]
    public void An_alias_bomb_is_refused_quickly_without_expanding_it()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + string.Join('\n', Enumerable.Range(1, 9)
            .Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]"));
        var clock = Stopwatch.StartNew();
        Assert.Throws<PlatformValidationException>(() => SweepPlanner.Plan("assignment: sleep\nmethod: grid\nparameters:\n  duration_ms: {values: [1]}\n" + bomb));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("run_cap: 10001", "run_cap: must be at most 10000")]
    [InlineData("run_cap: 0", "run_cap: must be at least 1")]
    public void Run_cap_is_bounded_with_the_field_named(string line, string message)
    {
        var error = Assert.Throws<PlatformValidationException>(() =>
            SweepPlanner.Plan($"assignment: sleep\nmethod: random\n{line}\nparameters:\n  duration_ms: {{min: 1, max: 5}}\n"));
        Assert.Contains(message, error.Message);
    }
}
