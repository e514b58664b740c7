namespace Platform.Workers.Jobs;

/// <summary>
/// What a job records besides metrics: files under the run's artifact root and run tags. Calls block until stored (jobs run
/// synchronously on their own thread), so a job that ends has its outputs stored.
/// </summary>
public interface IRunOutputs
{
    /// <summary>Stores <paramref name="content"/> as the artifact <paramref name="path"/> ("images/generated_20.png").</summary>
    void SaveArtifact(string path, byte[] content);

    void SetTag(string key, string value);
}

public static class RunOutputsExtensions
{
    /// <summary>Stores <paramref name="text"/> as a UTF-8 artifact.</summary>
    public static void SaveText(this IRunOutputs outputs, string path, string text) =>
        outputs.SaveArtifact(path, System.Text.Encoding.UTF8.GetBytes(text));
}

/// <summary>For contexts that record nothing but metrics (unit tests of jobs that write no outputs).</summary>
public sealed class DiscardingRunOutputs : IRunOutputs
{
    public static DiscardingRunOutputs Instance { get; } = new();

    public void SaveArtifact(string path, byte[] content)
    {
    }

    public void SetTag(string key, string value)
    {
    }
}
