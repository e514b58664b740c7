namespace Platform.Silo.Store;

/// <summary>MLflow's lifecycle stages of experiments and runs, as stored.</summary>
public static class LifecycleStages
{
    public const string Active = "active";
    public const string Deleted = "deleted";
}

/// <summary>
/// MLflow's reserved "Default" experiment: id 0, created by <see cref="ITrackingStore.MigrateAsync"/> in a store without
/// experiments; runs created without an experiment id go there.
/// </summary>
public static class DefaultExperiment
{
    public const string Id = "0";
    public const string Name = "Default";
}
