namespace Platform.Silo.Store;

/// <summary>MLflow's lifecycle stages of experiments and runs, as stored.</summary>
public static class LifecycleStages
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}
