namespace Platform.Silo.Api;

/// <summary>MLflow 2.x's request limits (mlflow/utils/validation.py), enforced by <see cref="MlflowValidator"/>.</summary>
public static class MlflowLimits
{
    public const int MaxMetricsPerBatch = 1000;
    public const int MaxParamsTagsPerBatch = 100;
    public const int MaxEntitiesPerBatch = 1000;
    public const int MaxEntityKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;
    public const int MaxExperimentTagValueLength = 5000;

    /// <summary>MLflow's SQL store keeps experiment names in a String(256) column.</summary>
    public const int MaxExperimentNameLength = 256;
    public const int MaxDatasetNameLength = 500;
    public const int MaxDatasetDigestLength = 36;
    public const int MaxDatasetSourceLength = 65535;
    public const int MaxDatasetSchemaLength = 1048575;
    public const int MaxDatasetProfileLength = 16384;
    public const int MaxInputTagKeyLength = 255;
    public const int MaxInputTagValueLength = 500;
    public const int MaxSearchResults = 50_000;
    public const int DefaultSearchResults = 1000;
    public const int MaxExperimentSearchResults = 50_000;
}
