using Platform.Silo.Store.Sqlite;

namespace Platform.Silo.Tests.Store;

public sealed class SqliteLikePatternTests
{
    [Theory]
    [InlineData("%a_b%", "*a?b*")]
    [InlineData("a*b?[c]", "a[*]b[?][[]c]")]
    [InlineData("plain", "plain")]
    public void Rewrites_like_as_glob(string like, string glob) => Assert.Equal(glob, SqliteLikePattern.ToGlob(like));
}
