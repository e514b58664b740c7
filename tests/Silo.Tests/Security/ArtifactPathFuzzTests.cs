using System.Net;
using System.Text;
using CsCheck;
using Platform.Silo.Artifacts;
using Platform.Silo.Security;
using Platform.Testing;

namespace Platform.Silo.Tests.Security;

/// <summary>
/// The artifact path resolver under thousands of random and hostile paths (traversal, absolute, encoded, a symbolic link out of
/// the root): every operation either works inside the root or refuses with <see cref="ArtifactPathException"/>; no file ever appears
/// outside the root. Through the HTTP proxy, no path gets a 500.
/// </summary>
public sealed class ArtifactPathFuzzTests(SecuredPlatformFixture fixture) : IClassFixture<SecuredPlatformFixture>
{
    private static readonly Gen<string> Paths = Gen.Frequency<string>(
        (3, HostileInputs.Text(HostileInputs.PathSegments, "/")),
        (1, HostileInputs.Text(HostileInputs.PathSegments)),
        (1, HostileInputs.Text(HostileInputs.PathSegments, "/").Select(p => "/" + p)));

    [Fact]
    public async Task No_path_reads_or_writes_outside_the_root()
    {
        using var sandbox = new TempDirectory("platform-artifact-fuzz");
        var root = Path.Combine(sandbox.Path, "root");
        var outside = Path.Combine(sandbox.Path, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        var store = new LocalArtifactStore(root);
        Directory.CreateSymbolicLink(Path.Combine(root, "link"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "b.txt"), Path.Combine(outside, "secret.txt"));

        await Paths.SampleAsync(async path =>
        {
            try
            {
                await store.WriteAsync(path, new MemoryStream(Encoding.UTF8.GetBytes("x")));
            }
            catch (ArtifactPathException)
            {
            }

            try
            {
                await using var read = await store.OpenReadAsync(path);
                if (read is not null)
                    Assert.NotEqual("secret", await new StreamReader(read).ReadToEndAsync());
                await store.ListAsync(path);
            }
            catch (ArtifactPathException)
            {
            }
        }, iter: 5_000);

        Assert.Equal(["secret.txt"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(outside, "secret.txt")));
        Assert.Equal([outside, root], Directory.GetDirectories(sandbox.Path).Order());
    }

    [Fact]
    public async Task The_artifact_proxy_answers_hostile_paths_without_a_500()
    {
        using var http = fixture.Host.Client(await fixture.Host.TokenAsync(PlatformRole.Admin, "artifact-fuzz"));
        await Paths.Where(p => !p.Contains('\0') && !p.Contains('#') && !p.Contains('?')).SampleAsync(async path =>
        {
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Get })
            {
                using var request = new HttpRequestMessage(method, new Uri(fixture.Host.BaseAddress, "api/2.0/mlflow-artifacts/artifacts/" + path.TrimStart('/')));
                if (method == HttpMethod.Put)
                    request.Content = new StringContent("x");
                using var response = await http.SendAsync(request);
                Assert.True((int)response.StatusCode < 500, $"{method} '{path}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }, iter: 400, threads: 1);
    }
}
