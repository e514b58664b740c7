using Platform.Silo.Security;

namespace Platform.Silo.Tests.Security;

/// <summary>The <c>Auth:BootstrapAdminToken</c> setting: which values are well-formed, and what a malformed one says (never the value).</summary>
public sealed class BootstrapAdminTokenSettingTests
{
    [Fact]
    public void Generated_values_are_well_formed_and_carry_their_id()
    {
        for (var i = 0; i < 200; i++)
        {
            var (id, value) = ApiTokenSecrets.Generate();
            Assert.Equal(id, ApiTokenSecrets.TokenIdOf(value));
            Assert.Empty(new AuthOptions { BootstrapAdminToken = value }.Validate());
        }
    }

    public static TheoryData<string> Malformed()
    {
        var value = ApiTokenSecrets.Generate().Value;
        var id = value[4..14];
        var secret = value[15..];
        return new TheoryData<string>
        {
            "REPLACE_ME",
            value[..^1], // one character short of 256 bits
            value + "A",
            "PLT_" + value[4..],
            $"plt_ABCDEF0123_{secret}",
            $"plt_{id[..9]}_{secret}",
            $"plt_{id}_{secret[..20]}+{secret[21..]}", // base64, not base64url
            $"plt_{id}_{secret[..20]} {secret[21..]}",
            $"plt_{id}{secret}",
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_value_is_an_error_naming_the_setting_and_not_the_value(string value)
    {
        Assert.Null(ApiTokenSecrets.TokenIdOf(value));
        var error = Assert.Single(new AuthOptions { BootstrapAdminToken = value }.Validate());
        Assert.StartsWith("Auth:BootstrapAdminToken is not a token in the platform's format plt_<10 lowercase hex digits>_<43 base64url characters>", error);
        Assert.DoesNotContain(value, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void An_empty_setting_means_no_bootstrap_token(string? value)
    {
        var options = new AuthOptions { BootstrapAdminToken = value };
        Assert.Null(options.ConfiguredBootstrapAdminToken);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void White_space_around_the_value_is_ignored_as_a_secret_file_ends_with_a_newline()
    {
        var value = ApiTokenSecrets.Generate().Value;
        var options = new AuthOptions { BootstrapAdminToken = $" {value}\n" };
        Assert.Equal(value, options.ConfiguredBootstrapAdminToken);
        Assert.Empty(options.Validate());
    }
}
