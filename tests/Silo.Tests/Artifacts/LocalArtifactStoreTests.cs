using System.Text;
using Platform.Silo.Artifacts;
using Platform.Testing;

namespace Platform.Silo.Tests.Artifacts;

public sealed class LocalArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("platform-artifacts");

    private string Root => Path.Combine(_dir.Path, "root");

    [Fact]
    public async Task Writes_reads_lists_and_deletes()
    {
        var store = new LocalArtifactStore(Root);
        await store.WriteAsync("1/r/artifacts/a.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")));
        await store.WriteAsync("1/r/artifacts/sub/b.txt", new MemoryStream([1, 2, 3]));
        await store.WriteAsync("1/r/artifacts/a.txt", new MemoryStream(Encoding.UTF8.GetBytes("replaced")));
        await using (var read = (await store.OpenReadAsync("1/r/artifacts/a.txt"))!)
            Assert.Equal("replaced", await new StreamReader(read).ReadToEndAsync());
        var listed = await store.ListAsync("1/r/artifacts");
        Assert.Equal(["1/r/artifacts/a.txt", "1/r/artifacts/sub"], listed.Select(f => f.Path));
        Assert.Equal([false, true], listed.Select(f => f.IsDir));
        Assert.Equal(8, listed[0].FileSize);
        Assert.Null(await store.OpenReadAsync("1/r/artifacts/missing"));
        Assert.Empty(await store.ListAsync("nothing/here"));
        Assert.True(await store.DeleteAsync("1/r/artifacts/sub"));
        Assert.False(await store.DeleteAsync("1/r/artifacts/sub"));
        Assert.Single(await store.ListAsync("1/r/artifacts"));
    }

    [Fact]
    public async Task A_name_of_the_longest_allowed_length_is_written_and_listed()
    {
        var store = new LocalArtifactStore(Root);
        var name = new string('n', ArtifactPath.MaxSegmentBytes);

        await store.WriteAsync($"1/r/artifacts/{name}", new MemoryStream([1, 2]));

        Assert.Equal([$"1/r/artifacts/{name}"], (await store.ListAsync("1/r/artifacts")).Select(f => f.Path));
    }

    [Fact]
    public async Task Never_follows_symbolic_links_out_of_the_root()
    {
        var outside = Path.Combine(_dir.Path, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
        var store = new LocalArtifactStore(Root);
        Directory.CreateSymbolicLink(Path.Combine(Root, "linkdir"), outside);
        File.CreateSymbolicLink(Path.Combine(Root, "linkfile"), Path.Combine(outside, "secret.txt"));

        await Assert.ThrowsAsync<ArtifactPathException>(() => store.OpenReadAsync("linkdir/secret.txt"));
        await Assert.ThrowsAsync<ArtifactPathException>(() => store.OpenReadAsync("linkfile"));
        await Assert.ThrowsAsync<ArtifactPathException>(() => store.WriteAsync("linkdir/new.txt", new MemoryStream([1])));
        await Assert.ThrowsAsync<ArtifactPathException>(() => store.ListAsync("linkdir"));
        await Assert.ThrowsAsync<ArtifactPathException>(() => store.DeleteAsync("linkdir"));
        Assert.False(File.Exists(Path.Combine(outside, "new.txt")));
        Assert.True(File.Exists(Path.Combine(outside, "secret.txt")));
        Assert.DoesNotContain(await store.ListAsync(""), f => f.Path.StartsWith("link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_upload_leaves_nothing_behind()
    {
        var store = new LocalArtifactStore(Root);
        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync("x/file.bin", new FailingStream()));
        Assert.Empty(Directory.GetFiles(Path.Combine(Root, "x")));
    }

    public void Dispose() => _dir.Dispose();

    private sealed class FailingStream : MemoryStream
    {
        public FailingStream() : base(new byte[100]) { }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position == 0 ? base.ReadAsync(buffer[..10], cancellationToken) : throw new IOException("connection lost");
    }
}
