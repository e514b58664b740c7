namespace Platform.Workers.Jobs;

/// <summary>Where a job logs metrics. Calls return immediately; the worker batches and ships the points.</summary>
public interface IMetricSink
{
    void Log(string key, double value, long step);
}
