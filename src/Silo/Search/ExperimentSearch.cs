using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Search;

/// <summary>
/// experiments/search evaluated in memory (experiments are few): MLflow's filter grammar over <c>attributes.name</c>,
/// <c>creation_time</c>, <c>last_update_time</c> and <c>tags.x</c>; order_by over those attributes (default: creation time
/// descending, then id); view type; offset page tokens.
/// </summary>
public static class ExperimentSearch
{
    public static ExperimentPage Apply(IEnumerable<Experiment> experiments, string? filter, IReadOnlyList<string>? orderBy,
        ViewType viewType, int maxResults, string? pageToken)
    {
        var clauses = SearchFilterParser.Parse(filter, SearchAttributes.Experiments);
        var orders = OrderByParser.Parse(orderBy, SearchAttributes.Experiments);
        if (orders.Any(o => o.Key.Entity != SearchEntity.Attribute))
            throw new SearchSyntaxException("Invalid order_by clause: experiments can be ordered by attributes only");
        var offset = PageToken.Decode(pageToken);

        var matching = experiments.Where(e => viewType switch
            {
                ViewType.ACTIVE_ONLY => e.LifecycleStage == "active",
                ViewType.DELETED_ONLY => e.LifecycleStage == "deleted",
                _ => true,
            })
            .Where(e => clauses.All(c => Matches(e, c)));
        IOrderedEnumerable<Experiment>? ordered = null;
        foreach (var order in orders)
        {
            Func<Experiment, object> key = e => Attribute(e, order.Key.Name);
            ordered = ordered is null
                ? order.Ascending ? matching.OrderBy(key, ValueComparer) : matching.OrderByDescending(key, ValueComparer)
                : order.Ascending ? ordered.ThenBy(key, ValueComparer) : ordered.ThenByDescending(key, ValueComparer);
        }
        var sorted = ordered is null
            ? matching.OrderByDescending(e => e.CreationTime).ThenBy(e => long.Parse(e.ExperimentId, CultureInfo.InvariantCulture))
            : ordered.ThenBy(e => long.Parse(e.ExperimentId, CultureInfo.InvariantCulture));
        var page = sorted.Skip((int)Math.Min(offset, int.MaxValue)).Take(maxResults + 1).ToList();
        var hasMore = page.Count > maxResults;
        if (hasMore)
            page.RemoveAt(page.Count - 1);
        return new ExperimentPage(page, hasMore ? PageToken.Encode(offset + page.Count) : null);
    }

    // Numbers by value, strings ordinally (as a database's binary collation would), whatever the culture.
    private static readonly Comparer<object> ValueComparer = Comparer<object>.Create((a, b) => a is double x && b is double y
        ? x.CompareTo(y)
        : string.CompareOrdinal(a.ToString(), b.ToString()));

    private static object Attribute(Experiment e, string name) => name switch
    {
        "name" => e.Name,
        "experiment_id" => e.ExperimentId,
        "creation_time" => (double)e.CreationTime,
        _ => (double)e.LastUpdateTime,
    };

    private static bool Matches(Experiment e, FilterClause clause)
    {
        object? value = clause.Key.Entity switch
        {
            SearchEntity.Attribute => Attribute(e, clause.Key.Name),
            SearchEntity.Tag => e.Tags.FirstOrDefault(t => t.Key == clause.Key.Name)?.Value,
            _ => throw new SearchSyntaxException($"Invalid filter: experiments have no {clause.Key.Entity.ToString().ToLowerInvariant()}s"),
        };
        if (value is null)
            return false;
        if (value is double d)
        {
            var n = clause.Number!.Value;
            return clause.Operator switch { "=" => d == n, "!=" => d != n, ">" => d > n, ">=" => d >= n, "<" => d < n, _ => d <= n };
        }
        var s = (string)value;
        return clause.Operator switch
        {
            "=" => s == clause.Text,
            "!=" => s != clause.Text,
            "LIKE" => LikeRegex(clause.Text!, RegexOptions.None).IsMatch(s),
            "ILIKE" => LikeRegex(clause.Text!, RegexOptions.IgnoreCase).IsMatch(s),
            "IN" => clause.List!.Contains(s),
            _ => !clause.List!.Contains(s),
        };
    }

    /// <summary>
    /// SQL LIKE as a regular expression: % is any run, _ any one character, everything else literal. Non-backtracking, so
    /// a pattern like '%a%a%a%a%b' costs linear time on a long name instead of exponential.
    /// </summary>
    public static Regex LikeRegex(string pattern, RegexOptions options) =>
        new("^" + string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) })) + "$",
            options | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
}
