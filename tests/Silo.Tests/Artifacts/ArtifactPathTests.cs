using Platform.Silo.Artifacts;

namespace Platform.Silo.Tests.Artifacts;

public sealed class ArtifactPathTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("a/b.txt", "a/b.txt")]
    [InlineData("a//b/", "a/b")]
    [InlineData("1/abc/artifacts/model v2/w.bin", "1/abc/artifacts/model v2/w.bin")]
    [InlineData("a/..b/c..", "a/..b/c..")]
    public void Accepts_relative_paths(string? path, string expected) => Assert.Equal(expected, ArtifactPath.Normalize(path));

    [Theory]
    [InlineData("..")]
    [InlineData("a/../../etc/passwd")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("C:/windows")]
    [InlineData("a/%2e%2e/b")]
    [InlineData("a/%2E%2E%2Fb")]
    [InlineData("%2Fetc/passwd")]
    [InlineData("a/%252e%252e/b")]
    [InlineData("a/%25252e%25252e/b")]
    [InlineData("a\0b")]
    public void Refuses_traversal_in_every_encoding(string path) => Assert.Throws<ArtifactPathException>(() => ArtifactPath.Normalize(path));
}
