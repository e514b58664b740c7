using CsCheck;
using Microsoft.Data.Sqlite;
using Platform.Contracts.Tracking;
using Platform.Silo.Search;
using Platform.Silo.Store;
using Platform.Silo.Store.Sqlite;
using Platform.Testing;

namespace Platform.Silo.Tests.Security;

/// <summary>
/// The search filter grammar under thousands of random and hostile filters: the parser answers a parse or a
/// <see cref="SearchSyntaxException"/> (a 400), nothing else; and the store, given whatever parses, never hands the database
/// SQL it cannot run and never lets a value act as SQL (values are parameters: an injection payload only matches itself).
/// </summary>
public sealed class SearchFilterFuzzTests
{
    [Fact]
    public void The_parser_answers_a_parse_or_a_syntax_error_for_any_text() =>
        HostileInputs.Text(HostileInputs.FilterFragments).Sample(filter =>
        {
            try
            {
                SearchFilterParser.Parse(filter);
            }
            catch (SearchSyntaxException)
            {
            }
        }, iter: 20_000);

    [Fact]
    public async Task The_store_runs_every_filter_that_parses_and_values_never_become_SQL()
    {
        using var home = new TempDirectory("platform-filter-fuzz");
        var store = new SqliteTrackingStore(Path.Combine(home.Path, "platform.db"));
        await store.MigrateAsync();
        var experiment = await store.CreateExperimentAsync("fuzz");
        var hostile = "' OR '1'='1";
        var run = await store.CreateRunAsync(new NewRun(experiment, null, "r", 1, RunStatus.RUNNING, [new RunTag("note", hostile)]));
        await store.LogBatchAsync(run.RunId, [new Metric("loss", 0.5, 1, 0)], [new Param("lr", "0.1")], []);

        // Either any text, or a well-formed clause with a hostile quoted value: (filter, the value when the clause is tags.note = value).
        var query = HostileInputs.Text(HostileInputs.FilterFragments).Select(f => (Filter: f, NoteEquals: (string?)null));
        var clause = Gen.Select(Gen.OneOf("metrics.loss", "params.lr", "tags.note", "attributes.run_name", "tags.`x'y`"),
            Gen.OneOf("=", "!=", "LIKE", "ILIKE", "<", ">="), Gen.OneOf(HostileInputs.FilterFragments))
            .Select((key, op, value) => (Filter: $"{key} {op} '{value.Replace("'", "''", StringComparison.Ordinal)}'",
                NoteEquals: key == "tags.note" && op == "=" ? value : null));

        await Gen.OneOf(query, clause).SampleAsync(async sample =>
        {
            try
            {
                var page = await store.SearchRunsAsync(new RunSearchQuery([experiment], sample.Filter, MaxResults: 10));
                // A value that reached the SQL text could match every run; as a parameter it matches only itself.
                if (sample.NoteEquals is { } value)
                    Assert.Equal(value == hostile ? 1 : 0, page.Runs.Count);
            }
            catch (SearchSyntaxException)
            {
            }
            catch (TrackingStoreException)
            {
            }
            catch (SqliteException e)
            {
                Assert.Fail($"filter {sample.Filter} reached SQLite as SQL: {e.Message}");
            }
        }, iter: 3_000);

        // The injection payload as a value finds exactly the run that has it, and the tables are intact.
        var exact = await store.SearchRunsAsync(new RunSearchQuery([experiment], $"tags.note = '{hostile.Replace("'", "''", StringComparison.Ordinal)}'"));
        Assert.Equal([run.RunId], exact.Runs.Select(r => r.Info.RunId));
        Assert.Empty((await store.SearchRunsAsync(new RunSearchQuery([experiment], "tags.note = 'x'' OR ''1''=''1'"))).Runs);
        Assert.NotNull(await store.GetRunAsync(run.RunId));
        SqliteConnection.ClearAllPools();
    }
}
