using Platform.Silo.Search;

namespace Platform.Silo.Tests.Search;

public sealed class PageTokenTests
{
    [Fact]
    public void Round_trips_offsets_in_mlflows_format()
    {
        Assert.Equal(1234, PageToken.Decode(PageToken.Encode(1234)));
        Assert.Equal("{\"offset\":5}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(PageToken.Encode(5))));
        Assert.Equal(0, PageToken.Decode(null));
        Assert.Equal(0, PageToken.Decode(""));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJmb28iOjF9")] // {"foo":1}
    [InlineData("eyJvZmZzZXQiOi0xfQ==")] // {"offset":-1}
    [InlineData("bm90IGpzb24=")] // not json
    public void Refuses_invalid_tokens(string token) => Assert.Throws<SearchSyntaxException>(() => PageToken.Decode(token));
}
