using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Tests.Sweeps;

internal static class SweepTestHelpers
{
    public static IReadOnlyList<ValidationError> Errors(Action action) =>
        Assert.Throws<PlatformValidationException>(action).Errors;

    /// <summary>Asserts exactly one error and returns it.</summary>
    public static ValidationError SingleError(Action action) => Assert.Single(Errors(action));

    public static void AssertError(ValidationError error, string path, int? line, string message)
    {
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Line);
    }

    /// <summary>A made-up assignment with list, bool and string hyperparameters, which the real catalog does not have yet.</summary>
    public static AssignmentDescriptor DeepNet { get; } = new(
        "test-deep-net",
        "test",
        [
            new("layers_dims", HyperparameterType.IntList, "[12288, 20, 7, 5, 1]", "layer sizes", Min: 1, Max: 100_000),
            new("learning_rate", HyperparameterType.Float, "0.0075", "step", Min: 0, MinExclusive: true, Max: 1, MaxExclusive: true),
            new("print_cost", HyperparameterType.Bool, "false", "print"),
            new("init", HyperparameterType.String, "he", "initialization", Choices: ["he", "random", "zeros"]),
        ],
        ["cost"],
        []);

    public static IReadOnlyList<AssignmentDescriptor> CatalogWithDeepNet { get; } = [.. AssignmentCatalog.All, DeepNet];
}
