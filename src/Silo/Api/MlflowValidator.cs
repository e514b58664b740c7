using System.Text.RegularExpressions;
using Platform.Contracts.Api;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Api;

/// <summary>
/// MLflow's request validation: names, lengths and batch sizes, with MLflow's messages. Every failure is an
/// INVALID_PARAMETER_VALUE <see cref="ApiRequestException"/>. Pure: no store access.
/// </summary>
public static partial class MlflowValidator
{
    // MLflow allows alphanumerics, underscores, dashes, periods, spaces, slashes (and colons since 2.x) in entity names.
    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex ValidName();

    public static void Batch(IReadOnlyList<Metric> metrics, IReadOnlyList<Param> @params, IReadOnlyList<RunTag> tags)
    {
        if (metrics.Count > MlflowLimits.MaxMetricsPerBatch)
            throw Invalid(BatchMessage("metrics", MlflowLimits.MaxMetricsPerBatch, metrics.Count));
        if (@params.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw Invalid(BatchMessage("params", MlflowLimits.MaxParamsTagsPerBatch, @params.Count));
        if (tags.Count > MlflowLimits.MaxParamsTagsPerBatch)
            throw Invalid(BatchMessage("tags", MlflowLimits.MaxParamsTagsPerBatch, tags.Count));
        var total = metrics.Count + @params.Count + tags.Count;
        if (total > MlflowLimits.MaxEntitiesPerBatch)
            throw Invalid(BatchMessage("metrics, params, and tags in total", MlflowLimits.MaxEntitiesPerBatch, total));
        // A batch repeats a few keys many times (1000 points of "loss"): each distinct key is checked once, each timestamp always.
        var checkedKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in metrics)
        {
            if (m is null || !checkedKeys.Contains(m.Key))
            {
                Metric(m!);
                checkedKeys.Add(m!.Key);
            }
            else if (m.Timestamp < 0)
            {
                Metric(m);
            }
        }
        // A JSON null in a list arrives as a null element: it is a missing key, not a server error.
        foreach (var p in @params)
            Param(p?.Key, p?.Value);
        foreach (var t in tags)
            Tag(t?.Key, t?.Value);
        var conflicting = @params.GroupBy(p => p.Key).Where(g => g.Select(p => p.Value).Distinct().Count() > 1).Select(g => g.Key).ToList();
        if (conflicting.Count > 0)
            throw Invalid($"Duplicate parameter keys have been submitted with different values: [{string.Join(", ", conflicting.Select(k => $"'{k}'"))}].");
    }

    public static void Metric(Metric metric)
    {
        Name("metric", metric?.Key);
        if (metric!.Timestamp < 0)
            throw Invalid($"Got invalid timestamp {metric.Timestamp} for metric '{metric.Key}' (value={metric.Value}). Timestamp must be a nonnegative long (64-bit integer).");
    }

    public static void Param(string? key, string? value)
    {
        Name("param", key);
        Length("Param value", value ?? throw Invalid($"Param '{key}' has a null value"), MlflowLimits.MaxParamValueLength);
    }

    public static void Tag(string? key, string? value)
    {
        Name("tag", key);
        Length("Tag value", value ?? throw Invalid($"Tag '{key}' has a null value"), MlflowLimits.MaxTagValueLength);
    }

    public static void ExperimentTag(string? key, string? value)
    {
        Name("tag", key);
        Length("Tag value", value ?? throw Invalid($"Tag '{key}' has a null value"), MlflowLimits.MaxExperimentTagValueLength);
    }

    public static string ExperimentName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw Invalid($"Invalid experiment name: '{name}'. Experiment name must be a non-empty string.");
        Length("Experiment name", name, MlflowLimits.MaxExperimentNameLength);
        return name;
    }

    public static int MaxResults(int? requested, int max, int @default = MlflowLimits.DefaultSearchResults)
    {
        var value = requested ?? @default;
        if (value <= 0 || value > max)
            throw Invalid($"Invalid value {value} for parameter 'max_results' supplied. It must be a positive integer at most {max}.");
        return value;
    }

    public static void Inputs(IReadOnlyList<DatasetInput> inputs)
    {
        foreach (var input in inputs)
        {
            var d = input?.Dataset ?? throw ApiRequestException.Missing("dataset");
            Required(d.Name, "dataset.name");
            Required(d.Digest, "dataset.digest");
            Required(d.SourceType, "dataset.source_type");
            Required(d.Source, "dataset.source");
            Length("Dataset name", d.Name, MlflowLimits.MaxDatasetNameLength);
            Length("Dataset digest", d.Digest, MlflowLimits.MaxDatasetDigestLength);
            Length("Dataset source", d.Source, MlflowLimits.MaxDatasetSourceLength);
            Length("Dataset schema", d.Schema ?? "", MlflowLimits.MaxDatasetSchemaLength);
            Length("Dataset profile", d.Profile ?? "", MlflowLimits.MaxDatasetProfileLength);
            foreach (var tag in input.Tags ?? [])
            {
                var key = Required(tag?.Key, "tag.key");
                Length("Input tag key", key, MlflowLimits.MaxInputTagKeyLength);
                Length("Input tag value", tag!.Value ?? "", MlflowLimits.MaxInputTagValueLength);
            }
        }
    }

    public static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw ApiRequestException.Missing(field) : value;

    private static void Name(string entity, string? key)
    {
        if (key is null)
            throw ApiRequestException.Missing("key");
        if (key.Length == 0 || !ValidName().IsMatch(key))
        {
            throw Invalid($"Invalid {entity} name: '{key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), " +
                          "spaces ( ), colons (:) and slashes (/).");
        }
        // Keys become file and URL paths in MLflow; '..' segments or a leading slash would escape them.
        if (key.StartsWith('/') || key.Split('/').Any(s => s is ".." or "."))
            throw Invalid($"Invalid {entity} name: '{key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.");
        Length($"{char.ToUpperInvariant(entity[0])}{entity[1..]} key", key, MlflowLimits.MaxEntityKeyLength);
    }

    private static void Length(string what, string value, int limit)
    {
        if (value.Length > limit)
            throw Invalid($"{what} '{Truncate(value)}' had length {value.Length}, which exceeded length limit of {limit}");
        // Every checked string is stored, and PostgreSQL's text cannot hold NUL: refuse it here, not as a database error.
        if (value.Contains('\0'))
            throw Invalid($"{what} '{Truncate(value.Replace('\0', ' '))}' contains a NUL character");
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";

    private static string BatchMessage(string what, int limit, int got) =>
        $"A batch logging request can contain at most {limit} {what}. Got {got} {what}. Please split up {what} across multiple requests and try again.";

    private static ApiRequestException Invalid(string message) => new(ErrorCodes.InvalidParameterValue, message);
}
