using System.CommandLine;
using Platform.Cli.Local;
using Platform.Contracts.Api;
using Platform.Silo.Api;
using Platform.Silo.Security;
using Platform.Silo.Store.Sqlite;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>platform token create|list|revoke</c>: API tokens, in the home's store (local; whoever can write the home is its admin), or on
/// a running platform with <c>--server</c> and an admin token in <c>$PLATFORM_TOKEN</c>. A token's value is printed once, at creation.
/// <c>platform token generate</c> only prints a fresh value, for a cluster's bootstrap admin setting.
/// </summary>
internal static class TokenCommand
{
    public static Command Create() => new("token", "Create, list, revoke and generate API tokens (admin)")
    {
        CreateVerb(),
        ListVerb(),
        RevokeVerb(),
        GenerateVerb(),
    };

    private static Command CreateVerb()
    {
        var role = new Option<string>("--role") { Description = "viewer, submitter or admin", Required = true };
        var name = new Option<string>("--name") { Description = "Who the token is for: the identity that owns the runs and sweeps it creates", Required = true };
        var (home, server) = (CommonOptions.Home(), CommonOptions.Server());
        var command = new Command("create", "Create a token and print its value (shown only this once)") { role, name, home, server };
        command.SetAction((result, ct) => RunAsync(result, home, server,
            async local => await ApiTokenIssuer.CreateAsync(local, result.GetValue(name), result.GetValue(role), ct),
            async remote => await remote.CreateTokenAsync(result.GetValue(name)!, result.GetValue(role)!, ct),
            created =>
            {
                Console.Out.WriteLine($"token {created.Token.TokenId} ({created.Token.Name}, {created.Token.Role}):");
                Console.Out.WriteLine(created.Value);
                Console.Error.WriteLine("Store it now: the platform keeps only its hash and cannot show it again.");
            }));
        return command;
    }

    private static Command ListVerb()
    {
        var (home, server) = (CommonOptions.Home(), CommonOptions.Server());
        var command = new Command("list", "List tokens (ids, names, roles; never values)") { home, server };
        command.SetAction((result, ct) => RunAsync(result, home, server,
            local => ApiTokenIssuer.ListAsync(local, ct),
            remote => remote.ListTokensAsync(ct),
            tokens =>
            {
                foreach (var t in tokens)
                {
                    var state = t.RevokedAt is { } at ? $"revoked {DateTimeOffset.FromUnixTimeMilliseconds(at):u}" : "active";
                    Console.Out.WriteLine($"{t.TokenId}  {t.Role,-9}  {t.Name,-20}  created {DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedAt):u}  {state}");
                }
            }));
        return command;
    }

    private static Command RevokeVerb()
    {
        var id = new Argument<string>("token-id") { Description = "The token's id, as listed" };
        var (home, server) = (CommonOptions.Home(), CommonOptions.Server());
        var command = new Command("revoke", "Revoke a token: it stops working at once") { id, home, server };
        command.SetAction((result, ct) => RunAsync(result, home, server,
            async local =>
            {
                await ApiTokenIssuer.RevokeAsync(local, result.GetValue(id)!, ct);
                return 0;
            },
            async remote =>
            {
                await remote.RevokeTokenAsync(result.GetValue(id)!, ct);
                return 0;
            },
            _ => Console.Out.WriteLine($"revoked {result.GetValue(id)}")));
        return command;
    }

    /// <summary>Mints a value offline, for <c>Auth__BootstrapAdminToken</c>: no store or server is touched, so nothing is stored yet.</summary>
    private static Command GenerateVerb()
    {
        var command = new Command("generate", "Print a new, well-formed token value without storing it (for Auth__BootstrapAdminToken)");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine(ApiTokenSecrets.Generate().Value);
            Console.Error.WriteLine("Not stored anywhere: put it in a secret as Auth__BootstrapAdminToken; each silo stores it, hashed, as an admin token named 'bootstrap' at start.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Task<int> RunAsync<T>(ParseResult result, Option<string?> home, Option<string?> server,
        Func<IApiTokenStore, Task<T>> local, Func<Contracts.Client.PlatformClient, Task<T>> remote, Action<T> print) =>
        CliAction.RunAsync(async () =>
        {
            try
            {
                var url = result.GetValue(server);
                T answer;
                if (url is not null)
                {
                    answer = await remote(JobExecution.RemoteClient(url));
                }
                else
                {
                    var store = new SqliteTrackingStore(EmbeddedPlatform.HomeStorePath(result.GetValue(home) ?? EmbeddedPlatformOptions.DefaultHome()));
                    await store.MigrateAsync();
                    answer = await local(store);
                }

                print(answer);
                return ExitCodes.Ok;
            }
            catch (ApiRequestException e)
            {
                throw new CliError($"{e.Message} ({e.ErrorCode})");
            }
        });
}
