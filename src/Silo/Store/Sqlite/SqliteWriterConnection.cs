using System.Data.Common;
using Platform.Silo.Store.Sql;

namespace Platform.Silo.Store.Sqlite;

/// <summary>
/// The connection SQLite's group commits write on (SQLite has one writer, so one group at a time), kept open from one group to
/// the next with its prepared statements: the hot statements are then compiled once, and each group skips opening a connection
/// and its pragmas. Closed after 30 s without a group, so an idle store holds no connection (tests make many).
/// Should a second group ask while one writes, it gets none (and opens one of its own).
/// </summary>
internal sealed class SqliteWriterConnection(Func<Task<DbConnection>> open, TimeSpan? idleTimeout = null)
{
    private readonly TimeSpan _idleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private StatementCache? _kept;
    private bool _inUse;
    private long _lastUsed;
    private Timer? _idleTimer;

    /// <summary>The kept connection (opened when there is none), or null while it is in use.</summary>
    public async Task<DbConnection?> TryTakeAsync()
    {
        lock (_gate)
        {
            if (_inUse)
            {
                return null;
            }

            _inUse = true;
            if (_kept is not null)
            {
                return _kept.Connection;
            }
        }

        try
        {
            var connection = await open();
            lock (_gate)
            {
                _kept = new StatementCache(connection);
                // Only while a connection is kept: an idle store leaves nothing running, so it can be collected.
                _idleTimer ??= new Timer(_ => CloseIfIdle(), null, _idleTimeout, _idleTimeout);
            }

            return connection;
        }
        catch
        {
            lock (_gate)
            {
                _inUse = false;
            }

            throw;
        }
    }

    /// <summary>The kept connection's statements, if <paramref name="connection"/> is it.</summary>
    public StatementCache? StatementsOf(DbConnection connection)
    {
        var kept = _kept;
        return kept is not null && ReferenceEquals(kept.Connection, connection) ? kept : null;
    }

    /// <summary>Gives the kept connection back after a group.</summary>
    public ValueTask ReturnAsync(DbConnection connection)
    {
        StatementCache? broken = null;
        lock (_gate)
        {
            _inUse = false;
            _lastUsed = Environment.TickCount64;
            if (connection.State != System.Data.ConnectionState.Open)
            {
                broken = Drop(); // the next group opens another
            }
        }

        Close(broken);
        return ValueTask.CompletedTask;
    }

    private void CloseIfIdle()
    {
        StatementCache? idle = null;
        lock (_gate)
        {
            if (!_inUse && _kept is not null && Environment.TickCount64 - _lastUsed >= _idleTimeout.TotalMilliseconds)
            {
                idle = Drop();
            }
        }

        Close(idle);
    }

    /// <summary>Forgets the kept connection and stops the timer (under the lock); returns what to close.</summary>
    private StatementCache? Drop()
    {
        var kept = _kept;
        _kept = null;
        _idleTimer?.Dispose();
        _idleTimer = null;
        return kept;
    }

    private static void Close(StatementCache? statements)
    {
        if (statements is not null)
        {
            statements.Dispose();
            statements.Connection.Dispose();
        }
    }
}
