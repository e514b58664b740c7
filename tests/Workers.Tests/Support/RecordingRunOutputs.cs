using System.Collections.Concurrent;
using System.Text;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Support;

/// <summary>Keeps every artifact and tag a job records, for assertions.</summary>
public sealed class RecordingRunOutputs : IRunOutputs
{
    public ConcurrentDictionary<string, byte[]> Artifacts { get; } = new();

    public ConcurrentDictionary<string, string> Tags { get; } = new();

    public void SaveArtifact(string path, byte[] content) => Artifacts[path] = content;

    public void SetTag(string key, string value) => Tags[key] = value;

    public IReadOnlyCollection<string> Paths => Artifacts.Keys.Order().ToArray();

    public string Text(string path) =>
        Artifacts.TryGetValue(path, out var content) ? Encoding.UTF8.GetString(content) : throw new KeyNotFoundException($"no artifact '{path}'");
}
