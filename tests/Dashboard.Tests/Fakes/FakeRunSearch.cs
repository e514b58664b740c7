using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>
/// A small slice of the server's runs/search for the fake: AND-ed clauses on status, metrics and params, one order_by term,
/// and offset paging. Anything else is refused with an MLflow-style message, which is what the page must show.
/// </summary>
internal static partial class FakeRunSearch
{
    public sealed class InvalidFilter(string message) : Exception(message);

    public static (Run[] Page, string? NextToken) Search(IEnumerable<Run> runs, JsonElement body)
    {
        var ids = body.GetProperty("experiment_ids").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var filter = body.TryGetProperty("filter", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var orderBy = body.TryGetProperty("order_by", out var o) ? o.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        var max = body.TryGetProperty("max_results", out var m) ? m.GetInt32() : 1000;
        var offset = body.TryGetProperty("page_token", out var t) && t.ValueKind == JsonValueKind.String ? int.Parse(t.GetString()!, CultureInfo.InvariantCulture) : 0;

        var clauses = string.IsNullOrWhiteSpace(filter) ? [] : AndSplit().Split(filter).Select(Parse).ToArray();
        var matching = runs.Where(r => ids.Contains(r.Info.ExperimentId) && clauses.All(c => c(r)));
        var sorted = Sort(matching, orderBy.FirstOrDefault() ?? "attributes.start_time DESC").ToArray();
        var page = sorted.Skip(offset).Take(max).ToArray();
        return (page, offset + max < sorted.Length ? (offset + max).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static Func<Run, bool> Parse(string clause)
    {
        if (StatusIn().Match(clause) is { Success: true } statusIn)
        {
            var values = QuotedValue().Matches(statusIn.Groups[1].Value).Select(v => v.Groups[1].Value).ToHashSet();
            return r => values.Contains(r.Info.Status.ToString());
        }

        if (Comparison().Match(clause) is not { Success: true } c)
        {
            throw new InvalidFilter($"Invalid filter '{clause.Trim()}' at position 0");
        }

        var (kind, key, op, value) = (c.Groups[1].Value, c.Groups[2].Value, c.Groups[3].Value, c.Groups[4].Value);
        if (kind == "metrics")
        {
            if (!double.TryParse(value, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidFilter($"Expected a number for 'metrics.{key}', got {value}");
            }

            // NaN never matches, as on the server.
            return r => r.Data.LatestMetric(key) is { } v && !double.IsNaN(v) && Compare(v.CompareTo(number), op);
        }

        var text = value.Trim('\'');
        return kind switch
        {
            "params" => r => r.Data.Param(key) is { } p && Compare(string.CompareOrdinal(p, text), op),
            _ => key == "status" ? r => Compare(string.CompareOrdinal(r.Info.Status.ToString(), text), op) : throw new InvalidFilter($"Unsupported attribute '{key}'"),
        };
    }

    private static bool Compare(int order, string op) => op switch
    {
        "=" => order == 0,
        "!=" => order != 0,
        "<" => order < 0,
        "<=" => order <= 0,
        ">" => order > 0,
        _ => order >= 0,
    };

    private static IEnumerable<Run> Sort(IEnumerable<Run> runs, string term)
    {
        var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var desc = parts.Length > 1 && parts[1].Equals("DESC", StringComparison.OrdinalIgnoreCase);
        var key = parts[0];
        IComparable? Value(Run r) => key switch
        {
            "attributes.start_time" => r.Info.StartTime,
            "attributes.run_name" => r.Info.RunName,
            "attributes.status" => r.Info.Status.ToString(),
            _ when key.StartsWith("metrics.", StringComparison.Ordinal) => r.Data.LatestMetric(key["metrics.".Length..]) is { } v && !double.IsNaN(v) ? v : null,
            _ when key.StartsWith("params.", StringComparison.Ordinal) => r.Data.Param(key["params.".Length..]),
            _ => throw new InvalidFilter($"Invalid order_by key '{key}'"),
        };
        // Runs without the key last in both directions, as the server does.
        var keyed = runs.Select(r => (Run: r, Value: Value(r))).ToArray();
        var present = keyed.Where(k => k.Value is not null);
        var ordered = desc ? present.OrderByDescending(k => k.Value) : present.OrderBy(k => k.Value);
        return ordered.Concat(keyed.Where(k => k.Value is null)).Select(k => k.Run);
    }

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^\s*attributes\.status\s+IN\s*\(([^)]*)\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StatusIn();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"^\s*(metrics|params|attributes)\.([\w.]+)\s*(!=|<=|>=|=|<|>)\s*('[^']*'|[-+\w.]+)\s*$")]
    private static partial Regex Comparison();
}
