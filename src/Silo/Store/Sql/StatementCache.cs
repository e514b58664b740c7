using System.Data.Common;

namespace Platform.Silo.Store.Sql;

/// <summary>
/// Prepared commands of one connection, by SQL text: a statement run again binds new values and executes, without being parsed
/// and compiled afresh. Used by one caller at a time (the connection's).
/// </summary>
internal sealed class StatementCache(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    /// <summary>The command for <paramref name="sql"/>, prepared on first use, with <paramref name="args"/> bound (by position: a
    /// statement always takes the same names in the same order).</summary>
    public DbCommand Get(string sql, (string Name, object? Value)[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = SqlCommands.Create(Connection, sql, args);
            command.Prepare();
            _commands.Add(sql, command);
            return command;
        }

        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i].Value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Drops the command (after it failed: the next use prepares it afresh).</summary>
    public void Forget(string sql)
    {
        if (_commands.Remove(sql, out var command))
        {
            command.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

/// <summary>Plain ADO.NET commands with named parameters, for the statements that bypass Dapper.</summary>
internal static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, string sql, (string Name, object? Value)[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
