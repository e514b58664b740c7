using Microsoft.AspNetCore.WebUtilities;
using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Runs;

/// <summary>
/// What the runs table shows: the user's filter (MLflow grammar), the status chips and the sort column. It lives in the
/// query string so a view can be shared as a link; the server does all filtering and sorting, this only builds its inputs.
/// </summary>
public sealed record RunQuery(string? Filter, IReadOnlyList<RunStatus> Statuses, string? SortKey, bool Descending)
{
    /// <summary>Columns the user hid with the column chooser, as <c>params.KEY</c> / <c>metrics.KEY</c>, in the order hidden.</summary>
    public IReadOnlyList<string> Hidden { get; init; } = [];

    /// <summary>The default order: newest first, as MLflow's UI does.</summary>
    public const string StartTimeKey = "attributes.start_time";

    public static RunQuery Default { get; } = new(null, [], null, true);


    /// <summary>Reads the page's query-string values; unknown statuses are dropped rather than failing the page.</summary>
    public static RunQuery Parse(string? filter, string? status, string? sort, string? dir, IEnumerable<string>? hide = null)
    {
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<RunStatus>(s, ignoreCase: true, out var parsed) ? parsed : (RunStatus?)null)
            .OfType<RunStatus>().Distinct().Order().ToArray();
        var key = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim();
        // Without an explicit column the table is newest first; with one, ascending unless asked otherwise.
        var descending = dir is null ? key is null : string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase);
        var hidden = (hide ?? []).Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.Ordinal).ToArray();
        return new RunQuery(string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(), statuses, key, descending) { Hidden = hidden };
    }

    public string EffectiveSortKey => SortKey ?? StartTimeKey;

    /// <summary>
    /// The filter sent to runs/search: the user's text AND a status clause. MLflow's grammar has no OR, so several chips
    /// become one <c>IN</c> list.
    /// </summary>
    public string? ServerFilter()
    {
        string? statusClause = Statuses.Count switch
        {
            0 => null,
            1 => $"attributes.status = '{Statuses[0]}'",
            _ => $"attributes.status IN ({string.Join(", ", Statuses.Select(s => $"'{s}'"))})",
        };
        return (Filter, statusClause) switch
        {
            (null, null) => null,
            (null, _) => statusClause,
            (_, null) => Filter,
            _ => $"{Filter} AND {statusClause}",
        };
    }

    public IReadOnlyList<string> OrderBy() => [$"{QuoteKey(EffectiveSortKey)} {(Descending ? "DESC" : "ASC")}"];

    /// <summary>Clicking a header: the same column flips direction, a new column starts ascending.</summary>
    public RunQuery SortedBy(string key) =>
        this with { SortKey = key, Descending = key == EffectiveSortKey ? !Descending : false };

    public RunQuery Toggled(RunStatus status) =>
        this with { Statuses = Statuses.Contains(status) ? Statuses.Where(s => s != status).ToArray() : Statuses.Append(status).Order().ToArray() };

    public bool IsHidden(string columnKey) => Hidden.Contains(columnKey, StringComparer.Ordinal);

    /// <summary>The column chooser: shows a hidden column, hides a shown one.</summary>
    public RunQuery ToggledColumn(string columnKey) =>
        this with { Hidden = IsHidden(columnKey) ? Hidden.Where(k => k != columnKey).ToArray() : [.. Hidden, columnKey] };

    public RunQuery WithFilter(string? filter) => this with { Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim() };

    /// <summary>The page address of this query; defaults are left out so plain links stay plain.</summary>
    public string ToUrl(string experimentId)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Filter is not null)
        {
            query.Add(new("filter", Filter));
        }

        if (Statuses.Count > 0)
        {
            query.Add(new("status", string.Join(',', Statuses)));
        }

        if (SortKey is not null)
        {
            query.Add(new("sort", SortKey));
            query.Add(new("dir", Descending ? "desc" : "asc"));
        }

        // One hide= per column: any character may occur in a key, so none can separate them.
        query.AddRange(Hidden.Select(h => new KeyValuePair<string, string?>("hide", h)));

        return QueryHelpers.AddQueryString($"experiments/{Uri.EscapeDataString(experimentId)}", query);
    }

    /// <summary>Column names may hold spaces or dots (<c>metrics.loss/train</c> is fine, <c>params.my lr</c> is not): backticks make any name safe.</summary>
    private static string QuoteKey(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return key;
        }

        var name = key[(dot + 1)..];
        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '/' or '-') ? key : $"{key[..dot]}.`{name}`";
    }
}
