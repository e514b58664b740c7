using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

/// <summary>The pure pieces: reading credentials, options validation, token values.</summary>
public sealed class SecurityRulesTests
{
    [Theory]
    [InlineData("Bearer plt_abc_def", "plt_abc_def", null)]
    [InlineData("bearer   tok  ", "tok", null)]
    [InlineData("Basic dXNlcjp0b2s=", "tok", null)] // user:tok
    [InlineData("Basic dG9rOg==", "tok", null)] // tok: (token as user name, empty password)
    [InlineData("Basic dG9r", "tok", null)] // tok (no colon)
    [InlineData(null, null, null)]
    [InlineData("", null, null)]
    [InlineData("Bearer", null, "empty token")]
    [InlineData("Basic ###", null, "not base64")]
    [InlineData("Negotiate abc", null, "unsupported Authorization scheme")]
    public void Credentials_are_read_from_Bearer_or_Basic(string? header, string? token, string? error)
    {
        Assert.Equal(token, BearerOrBasicCredentials.Parse(header, out var problem));
        if (error is null)
            Assert.Null(problem);
        else
            Assert.Contains(error, problem);
    }

    [Fact]
    public void Options_name_each_bad_key()
    {
        var errors = new AuthOptions { RequestsPerMinutePerToken = -1, MaxRequestBodyBytes = 10, MaxArtifactFileBytes = 100, MaxRunArtifactBytes = 50 }.Validate();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Auth:RequestsPerMinutePerToken", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:MaxRequestBodyBytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Auth:MaxRunArtifactBytes", StringComparison.Ordinal));
        Assert.Empty(new AuthOptions().Validate());
        Assert.True(new AuthOptions().Enabled); // on unless a host turns it off
    }

    [Fact]
    public void Store_options_never_print_the_connection_string()
    {
        var printed = new Platform.Silo.Store.StoreOptions { Provider = "postgres", ConnectionString = "Host=db;Password=hunter2" }.ToString();
        Assert.DoesNotContain("hunter2", printed);
        Assert.Contains("ConnectionString = (hidden)", printed);
    }

    [Fact]
    public void Token_values_are_random_256_bit_secrets_with_their_public_id()
    {
        var (id, value) = ApiTokenSecrets.Generate();
        var (otherId, other) = ApiTokenSecrets.Generate();
        Assert.Matches("^[0-9a-f]{10}$", id);
        Assert.Matches($"^plt_{id}_[A-Za-z0-9_-]{{43}}$", value);
        Assert.NotEqual((id, value), (otherId, other));
        Assert.Equal(64, ApiTokenSecrets.Hash(value).Length);
    }
}
