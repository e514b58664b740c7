using System.Data.Common;
using Platform.Contracts.Api;

namespace Platform.Silo.Store;

/// <summary>
/// Tells a failure of the database itself (unreachable, shutting down, starting up, out of connections) from a refused or
/// faulty statement, through ADO.NET's own <see cref="DbException.SqlState"/> and <see cref="DbException.IsTransient"/>, so no
/// caller needs a driver's types. Only unavailability: a deadlock or a serialization failure is transient too, but says
/// nothing about the database being down.
/// </summary>
public static class StoreUnavailability
{
    /// <summary>
    /// The failure as a <see cref="StoreUnavailableException"/> when the database was unavailable, else null. Its message says
    /// what state the database is in, not the driver's text (which names the database's host and port: for the server log only).
    /// </summary>
    public static StoreUnavailableException? Of(Exception failure)
    {
        if (failure is StoreUnavailableException known)
        {
            return known;
        }

        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is DbException db && State(db) is { } state)
            {
                return new StoreUnavailableException($"the tracking database is unavailable: {state}; retry");
            }
        }

        return null;
    }

    private static string? State(DbException e) => e.SqlState switch
    {
        // PostgreSQL's admin/crash shutdown and "starting up" (57P01-57P03), too many connections, class 08 (connection exception).
        "57P01" or "57P02" => "it is shutting down",
        "57P03" => "it is starting up",
        "53300" => "it has no free connection",
        { } state when state.StartsWith("08", StringComparison.Ordinal) => "the connection to it failed",
        // The server answered with another error: the statement's, not the database's availability.
        { } => null,
        // No server error: the driver could not connect or lost the connection (Npgsql: I/O, socket, timeout, pool exhausted).
        // SQLite reports none as transient: its writers wait on the busy timeout (SqliteTrackingStore) instead of failing.
        null => e.IsTransient ? "it cannot be reached" : null,
    };
}
