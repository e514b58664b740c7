namespace Platform.Silo.Search;

/// <summary>
/// What a search identifier names: <c>metrics.x</c>, <c>params.x</c>, <c>tags.x</c>, <c>attributes.x</c> or <c>datasets.x</c> (a run's
/// logged dataset inputs: <c>name</c>, <c>digest</c>, or <c>context</c>, the input's <c>mlflow.data.context</c> tag).
/// </summary>
public enum SearchEntity
{
    Metric,
    Param,
    Tag,
    Attribute,
    Dataset,
}

/// <summary>An identifier of the filter or order_by grammar; attribute names are canonical (e.g. <c>created</c> becomes <c>start_time</c>).</summary>
/// <remarks><see cref="IsNumeric"/>: compared as a number (metrics, time attributes); everything else is a string.</remarks>
public sealed record SearchKey(SearchEntity Entity, string Name, bool IsNumeric = false);

/// <summary>
/// One comparison of a filter. <see cref="Operator"/> is upper case (=, !=, &gt;, &gt;=, &lt;, &lt;=, LIKE, ILIKE, IN, NOT IN).
/// Exactly one of <see cref="Number"/>, <see cref="Text"/> and <see cref="List"/> is set, as the operator and key require.
/// </summary>
public sealed record FilterClause(SearchKey Key, string Operator, double? Number = null, string? Text = null, IReadOnlyList<string>? List = null);

/// <summary>One order_by term.</summary>
public sealed record OrderClause(SearchKey Key, bool Ascending);

/// <summary>A filter or order_by expression that does not parse; the message names the position and token.</summary>
public sealed class SearchSyntaxException(string message) : Exception(message);
