using System.Globalization;

namespace Platform.Contracts.Catalog;

/// <summary>
/// A complete, validated set of hyperparameters for one run, kept as canonical strings (the form logged as MLflow params)
/// with typed accessors for the job that consumes them.
/// </summary>
public sealed class HyperparameterValues(IReadOnlyDictionary<string, string> canonical)
{
    public IReadOnlyDictionary<string, string> Canonical { get; } = canonical;

    public string GetString(string name) =>
        Canonical.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"hyperparameter '{name}' is not set");

    public double GetDouble(string name) => double.Parse(GetString(name), CultureInfo.InvariantCulture);

    public int GetInt(string name) => int.Parse(GetString(name), CultureInfo.InvariantCulture);

    public bool GetBool(string name) => GetString(name) == "true";

    public IReadOnlyList<int> GetIntList(string name) =>
        SplitList(GetString(name)).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public IReadOnlyList<double> GetDoubleList(string name) =>
        SplitList(GetString(name)).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static IEnumerable<string> SplitList(string canonical) =>
        canonical.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
