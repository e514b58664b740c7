namespace Platform.Silo.Search;

/// <summary>
/// The attributes a search grammar knows (runs or experiments), with MLflow's aliases, which of them are numbers, and which may be
/// compared with a list (IN, NOT IN).
/// </summary>
public sealed class SearchAttributes(IReadOnlyDictionary<string, string> canonical, IReadOnlySet<string> numeric, IReadOnlySet<string>? lists = null)
{
    public static SearchAttributes Runs { get; } = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["run_id"] = "run_id",
            ["run_name"] = "run_name",
            ["run name"] = "run_name",
            ["status"] = "status",
            ["user_id"] = "user_id",
            ["artifact_uri"] = "artifact_uri",
            ["lifecycle_stage"] = "lifecycle_stage",
            ["start_time"] = "start_time",
            ["created"] = "start_time",
            ["end_time"] = "end_time",
        },
        new HashSet<string> { "start_time", "end_time" },
        // MLflow takes lists for run_id only; status is the platform's addition (the dashboard filters several statuses at once).
        new HashSet<string> { "run_id", "status" });

    public static SearchAttributes Experiments { get; } = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["name"] = "name",
            ["experiment_id"] = "experiment_id",
            ["creation_time"] = "creation_time",
            ["last_update_time"] = "last_update_time",
        },
        new HashSet<string> { "creation_time", "last_update_time" });

    public string? Resolve(string name) => canonical.GetValueOrDefault(name);

    public bool IsNumeric(string canonicalName) => numeric.Contains(canonicalName);

    public bool TakesLists(string canonicalName) => lists?.Contains(canonicalName) == true;

    public IEnumerable<string> ListNames => lists ?? Enumerable.Empty<string>();

    public IEnumerable<string> Names => canonical.Keys;
}
