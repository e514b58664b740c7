using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Platform.Contracts.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

/// <summary>Which driver failures <see cref="StoreUnavailability"/> takes for the database being unavailable (the drivers' own exception types).</summary>
public sealed class StoreUnavailabilityTests
{
    [Theory]
    [InlineData("57P01", "terminating connection due to administrator command", "it is shutting down")]
    [InlineData("57P02", "terminating connection due to crash of another server process", "it is shutting down")]
    [InlineData("57P03", "the database system is starting up", "it is starting up")]
    [InlineData("53300", "sorry, too many clients already", "it has no free connection")]
    [InlineData("08006", "connection failure", "the connection to it failed")]
    [InlineData("08001", "could not connect", "the connection to it failed")]
    public void A_server_shutting_down_starting_or_out_of_connections_is_unavailability(string sqlState, string message, string state) =>
        Assert.Equal($"the tracking database is unavailable: {state}; retry",
            StoreUnavailability.Of(new PostgresException(message, "FATAL", "FATAL", sqlState))?.Message);

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("42P01")] // undefined_table
    [InlineData("40P01")] // deadlock_detected: transient, but the database is up
    [InlineData("57014")] // query_canceled
    public void Errors_of_the_statement_are_not(string sqlState) =>
        Assert.Null(StoreUnavailability.Of(new PostgresException("refused", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_connection_the_driver_could_not_open_is_unavailability_even_wrapped()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        // The driver's text (the database's address) stays out of the message: clients see the state only.
        Assert.Equal("the tracking database is unavailable: it cannot be reached; retry",
            StoreUnavailability.Of(new InvalidOperationException("the group commit failed", refused))?.Message);
    }

    [Fact]
    public void Other_failures_are_not()
    {
        Assert.Null(StoreUnavailability.Of(new InvalidOperationException("a bug")));
        Assert.Null(StoreUnavailability.Of(new TrackingStoreException(ErrorCodes.ResourceDoesNotExist, "Run with id=x not found")));
        Assert.Null(StoreUnavailability.Of(new NpgsqlException("not transient"))); // no I/O cause
        Assert.Null(StoreUnavailability.Of(new SqliteException("database is locked", 5))); // SQLite waits on its busy timeout instead
    }

    [Fact]
    public void An_unavailability_already_translated_stays_itself()
    {
        var translated = new StoreUnavailableException("the tracking database is unavailable: x; retry");

        Assert.Same(translated, StoreUnavailability.Of(translated));
    }

    [Fact]
    public void The_translation_crosses_a_grain_call_where_the_drivers_exception_cannot()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(StoreUnavailability.Of(refused)!));

        Assert.Equal("the tracking database is unavailable: it cannot be reached; retry", Assert.IsType<StoreUnavailableException>(back).Message);
        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(refused)); // why grains translate it
    }

    [Fact]
    public void A_refusal_crosses_grain_calls_with_its_error_code()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(
            new TrackingStoreException(ErrorCodes.ResourceDoesNotExist, "Run with id=r1 not found")));

        var refused = Assert.IsType<TrackingStoreException>(back);
        Assert.Equal((ErrorCodes.ResourceDoesNotExist, "Run with id=r1 not found"), (refused.ErrorCode, refused.Message));
    }
}
