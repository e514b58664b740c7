using System.Collections.Concurrent;
using System.Text;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Support;

/// <summary>Keeps every artifact a job stores, by path, for assertions.</summary>
public sealed class RecordingArtifactSink : IArtifactSink
{
    private readonly ConcurrentDictionary<string, byte[]> files = new();

    public IReadOnlyCollection<string> Paths => files.Keys.Order().ToArray();

    public void Log(string path, byte[] content) => files[path] = content;

    public string Text(string path) => Encoding.UTF8.GetString(Bytes(path));

    public byte[] Bytes(string path) =>
        files.TryGetValue(path, out var content) ? content : throw new KeyNotFoundException($"no artifact '{path}'");
}
