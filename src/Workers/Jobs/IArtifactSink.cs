using System.Text;

namespace Platform.Workers.Jobs;

/// <summary>Where a job stores files for its run (MLflow artifacts). <see cref="Log"/> returns once the file is stored.</summary>
public interface IArtifactSink
{
    /// <summary>Stores <paramref name="content"/> as the run's artifact <paramref name="path"/> ('/'-separated), replacing any earlier one.</summary>
    void Log(string path, byte[] content);
}

public static class ArtifactSinkExtensions
{
    public static void LogText(this IArtifactSink sink, string path, string text) => sink.Log(path, Encoding.UTF8.GetBytes(text));
}

/// <summary>Keeps nothing: the default for contexts built without a run (unit tests of the numerics); the worker always sets a real sink.</summary>
public sealed class DiscardingArtifactSink : IArtifactSink
{
    public static DiscardingArtifactSink Instance { get; } = new();

    public void Log(string path, byte[] content)
    {
    }
}
