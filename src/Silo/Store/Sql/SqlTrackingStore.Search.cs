using System.Globalization;
using System.Text;
using Dapper;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;

namespace Platform.Silo.Store.Sql;

// runs/search: the parsed filter and order_by compiled to one parameterized query. Values never enter the SQL text; only
// column names from a fixed list (SearchAttributes) and generated parameter names do.
public abstract partial class SqlTrackingStore
{
    public async Task<RunPage> SearchRunsAsync(RunSearchQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = SearchFilterParser.Parse(query.Filter);
        var orders = OrderByParser.Parse(query.OrderBy);
        var offset = PageToken.Decode(query.PageToken);
        var ids = query.ExperimentIds.Select(ParseExperimentId).OfType<long>().Distinct().ToArray();
        if (ids.Length == 0 || query.MaxResults <= 0)
            return new RunPage([], null);

        var parameters = new DynamicParameters();
        parameters.Add("ids", ids);
        var where = new List<string> { InList("r.experiment_id", "ids") };
        if (query.ViewType != ViewType.ALL)
        {
            parameters.Add("stage", query.ViewType == ViewType.DELETED_ONLY ? LifecycleStages.Deleted : LifecycleStages.Active);
            where.Add("r.lifecycle_stage = @stage");
        }
        for (var i = 0; i < filters.Count; i++)
            where.Add(FilterSql(filters[i], $"f{i}", parameters));

        var joins = new StringBuilder();
        var orderTerms = new List<string>();
        for (var i = 0; i < orders.Count; i++)
            orderTerms.AddRange(OrderSql(orders[i], $"o{i}", parameters, joins));
        // MLflow's tie-breakers, which also make offsets stable between pages.
        orderTerms.Add("r.start_time DESC");
        orderTerms.Add("r.run_id ASC");

        parameters.Add("limit", query.MaxResults + 1);
        parameters.Add("offset", offset);
        var sql = $"SELECT {RunRow.ColumnsOf("r")} FROM runs r{joins} WHERE {string.Join(" AND ", where)} " +
                  $"ORDER BY {string.Join(", ", orderTerms)} LIMIT @limit OFFSET @offset";

        await using var connection = await OpenAsync(ct);
        await EnsureSearchStatisticsAsync(connection, ct);
        var rows = (await connection.QueryAsync<RunRow>(Cmd(sql, parameters, null, ct))).AsList();
        var hasMore = rows.Count > query.MaxResults;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        var runs = await AttachDataAsync(connection, rows, ct);
        return new RunPage(runs, hasMore ? PageToken.Encode(offset + rows.Count) : null);
    }

    /// <summary>SQL for "<paramref name="column"/> matches the LIKE pattern in <paramref name="parameter"/>" (MLflow's LIKE is case-sensitive).</summary>
    protected abstract string LikeSql(string column, string parameter, bool ignoreCase);

    /// <summary>The parameter value for <see cref="LikeSql"/>: the pattern as given unless the dialect matches another way.</summary>
    protected virtual string LikeParameter(string pattern, bool ignoreCase) => pattern;

    private string FilterSql(FilterClause clause, string name, DynamicParameters parameters)
    {
        var key = clause.Key;
        // As MLflow's SQL store, the run name is matched on the mlflow.runName tag: a name set through set-tag or log-batch is
        // in the tag (runs/create and runs/update write both).
        if (key is { Entity: SearchEntity.Attribute, Name: "run_name" })
            key = new SearchKey(SearchEntity.Tag, PlatformTags.RunName);
        else if (key.Entity == SearchEntity.Attribute)
            return ComparisonSql("r." + key.Name, clause, name, parameters);

        // A run matches when one of its rows satisfies the comparison; a run without the key (or without datasets) never does.
        // IN over an uncorrelated subquery, not a correlated EXISTS: SQLite ran EXISTS once per run of the experiment, where the
        // subquery is one range scan of a covering (key, value, run_id) index (migration 10); PostgreSQL plans both as a semi-join.
        if (key.Entity == SearchEntity.Dataset)
            return $"r.run_id IN (SELECT s.run_id FROM run_inputs s WHERE {ComparisonSql("s." + key.Name, clause, name, parameters)})";
        parameters.Add(name + "k", key.Name);
        var (table, extra) = key.Entity switch
        {
            SearchEntity.Metric => ("latest_metrics", " AND s.is_nan = FALSE"), // an equality, so the index range covers it
            SearchEntity.Param => ("params", ""),
            _ => ("tags", ""),
        };
        return $"r.run_id IN (SELECT s.run_id FROM {table} s WHERE s.key = @{name}k{extra} AND {ComparisonSql("s.value", clause, name, parameters)})";
    }

    private string ComparisonSql(string column, FilterClause clause, string name, DynamicParameters parameters)
    {
        switch (clause.Operator)
        {
            case "IN":
            case "NOT IN":
                parameters.Add(name, clause.List!.ToArray());
                var inList = InList(column, name);
                return clause.Operator == "IN" ? inList : $"NOT ({inList})";
            case "LIKE":
            case "ILIKE":
                var ignoreCase = clause.Operator == "ILIKE";
                parameters.Add(name, LikeParameter(clause.Text!, ignoreCase));
                return LikeSql(column, "@" + name, ignoreCase);
            default:
                // Attribute start/end times are integers; comparing them with an integer parameter keeps index use on both dialects.
                if (clause.Key.Entity == SearchEntity.Attribute && clause.Number is { } n)
                    parameters.Add(name, (long)Math.Floor(n));
                else
                    parameters.Add(name, (object?)clause.Number ?? clause.Text);
                return $"{column} {clause.Operator} @{name}";
        }
    }

    /// <summary>
    /// Order terms for one clause. Whatever the direction, as in MLflow's SQL store: runs without the key sort last, and a NaN metric
    /// sorts after every number but before runs without the metric (NaN is stored as 0 with is_nan set, so it is ranked apart).
    /// </summary>
    private static IEnumerable<string> OrderSql(OrderClause order, string name, DynamicParameters parameters, StringBuilder joins)
    {
        var direction = order.Ascending ? "ASC" : "DESC";
        if (order.Key.Entity == SearchEntity.Attribute)
        {
            var column = "r." + order.Key.Name;
            yield return $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END";
            yield return $"{column} {direction}";
            yield break;
        }
        var table = order.Key.Entity switch { SearchEntity.Metric => "latest_metrics", SearchEntity.Param => "params", _ => "tags" };
        parameters.Add(name, order.Key.Name);
        joins.Append(CultureInfo.InvariantCulture, $" LEFT JOIN {table} {name} ON {name}.run_id = r.run_id AND {name}.key = @{name}");
        yield return order.Key.Entity == SearchEntity.Metric
            ? $"CASE WHEN {name}.is_nan THEN 1 WHEN {name}.value IS NULL THEN 2 ELSE 0 END"
            : $"CASE WHEN {name}.value IS NULL THEN 1 ELSE 0 END";
        yield return $"{name}.value {direction}";
    }
}
