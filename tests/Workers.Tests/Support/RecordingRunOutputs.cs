using System.Collections.Concurrent;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Support;

/// <summary>Keeps every artifact and tag a job records, for assertions.</summary>
public sealed class RecordingRunOutputs : IRunOutputs
{
    public ConcurrentDictionary<string, byte[]> Artifacts { get; } = new();

    public ConcurrentDictionary<string, string> Tags { get; } = new();

    public void SaveArtifact(string path, byte[] content) => Artifacts[path] = content;

    public void SetTag(string key, string value) => Tags[key] = value;
}
