using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization;
using Platform.Contracts.Api;
using Platform.Silo.Store;
using Platform.Silo.Tests.Infrastructure;

namespace Platform.Silo.Tests.Store;

/// <summary>What a grain call that failed in the database driver ends with: always something Orleans can carry back.</summary>
public sealed class StoreFailureFilterTests
{
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private async Task<Exception> FailingCallAsync(Exception failure)
    {
        using var logging = LoggerFactory.Create(b => b.AddProvider(new CapturingLoggerProvider(_logs)));
        var filter = new StoreFailureFilter(logging.CreateLogger<StoreFailureFilter>());
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => filter.Invoke(FailingCall.Create(failure)));
        // What the caller gets back is what crosses the grain call.
        return _serializer.Deserialize<Exception>(_serializer.SerializeToArray(thrown))!;
    }

    [Fact]
    public async Task A_database_outage_becomes_a_retryable_unavailability_logged_without_stack_trace()
    {
        var back = await FailingCallAsync(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.Equal("the tracking database is unavailable: it cannot be reached; retry", Assert.IsType<StoreUnavailableException>(back).Message);
        Assert.StartsWith("Warning", Assert.Single(_logs));
    }

    [Fact]
    public async Task Any_other_driver_failure_is_an_internal_error_with_its_stack_trace_in_the_log_only()
    {
        var back = await FailingCallAsync(new InvalidOperationException("group commit", new SqliteException("no such table: runs", 1)));

        var error = Assert.IsType<TrackingStoreException>(back);
        Assert.Equal((ErrorCodes.InternalError, "internal error; see the server log"), (error.ErrorCode, error.Message));
        var logged = Assert.Single(_logs);
        Assert.StartsWith("Error", logged);
        Assert.Contains("no such table: runs", logged);
    }

    [Fact]
    public async Task Other_failures_pass_unchanged()
    {
        var back = await FailingCallAsync(new TrackingStoreException(ErrorCodes.ResourceDoesNotExist, "Run with id=r1 not found"));

        Assert.Equal(ErrorCodes.ResourceDoesNotExist, Assert.IsType<TrackingStoreException>(back).ErrorCode);
        Assert.Empty(_logs);
    }

    /// <summary>A grain call whose invocation throws <c>failure</c>; the filter reads only its names.</summary>
    public class FailingCall : DispatchProxy
    {
        private Exception _failure = null!;

        public static IIncomingGrainCallContext Create(Exception failure)
        {
            var call = Create<IIncomingGrainCallContext, FailingCall>();
            ((FailingCall)(object)call)._failure = failure;
            return call;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IIncomingGrainCallContext.Invoke) => Task.FromException(_failure),
            "get_InterfaceName" => "ITrialGrain",
            "get_MethodName" => "Complete",
            var name => throw new NotSupportedException(name),
        };
    }
}
