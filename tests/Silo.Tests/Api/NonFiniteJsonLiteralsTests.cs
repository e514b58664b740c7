using System.Text;
using Platform.Silo.Api;

namespace Platform.Silo.Tests.Api;

public sealed class NonFiniteJsonLiteralsTests
{
    private static string Quote(string json) => Encoding.UTF8.GetString(NonFiniteJsonLiterals.Quote(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"v\": NaN}", "{\"v\": \"NaN\"}")]
    [InlineData("[Infinity,-Infinity, 1]", "[\"Infinity\",\"-Infinity\", 1]")]
    [InlineData("{\"s\": \"NaN Infinity \\\" NaN\"}", "{\"s\": \"NaN Infinity \\\" NaN\"}")]
    [InlineData("{\"v\": \"NaN\"}", "{\"v\": \"NaN\"}")]
    [InlineData("{\"v\": -1.5}", "{\"v\": -1.5}")]
    public void Quotes_bare_tokens_outside_strings_only(string input, string expected) => Assert.Equal(expected, Quote(input));

    [Fact]
    public void Returns_the_same_buffer_when_nothing_changes()
    {
        var body = Encoding.UTF8.GetBytes("{\"a\": 1}");
        Assert.Same(body, NonFiniteJsonLiterals.Quote(body));
    }
}
