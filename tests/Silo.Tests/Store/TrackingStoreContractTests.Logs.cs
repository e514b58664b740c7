using Platform.Contracts.Api;

namespace Platform.Silo.Tests.Store;

public abstract partial class TrackingStoreContractTests
{
    [Fact]
    public async Task Run_logs_keep_order_and_source_and_cut_long_lines()
    {
        var runId = await NewRunIdAsync();
        var other = await NewRunIdAsync();
        var long_ = new string('x', RunLogLimits.MaxLineChars + 10);
        Assert.Equal(2, await Store.AppendRunLogsAsync(runId, "w-1", [new NewRunLogLine(5, "first"), new NewRunLogLine(6, long_)]));
        Assert.Equal(1, await Store.AppendRunLogsAsync(other, "w-2", [new NewRunLogLine(7, "elsewhere")]));
        Assert.Equal(1, await Store.AppendRunLogsAsync(runId, RunLogLimits.PlatformSource, [new NewRunLogLine(8, "finished")]));

        var lines = await Store.GetRunLogsAsync(runId, 0, 10);
        Assert.Equal(["first", "finished"], new[] { lines[0].Message, lines[2].Message });
        Assert.Equal(RunLogLimits.MaxLineChars, lines[1].Message.Length);
        Assert.EndsWith("…", lines[1].Message);
        Assert.Equal(["w-1", "w-1", RunLogLimits.PlatformSource], lines.Select(l => l.Source));
        Assert.Equal([5L, 6, 8], lines.Select(l => l.Timestamp));
        Assert.True(lines[0].Id < lines[1].Id && lines[1].Id < lines[2].Id);
        Assert.Equal(["finished"], (await Store.GetRunLogsAsync(runId, lines[1].Id, 10)).Select(l => l.Message));
        Assert.Single(await Store.GetRunLogsAsync(runId, 0, 1));
    }

    [Fact]
    public async Task Run_logs_of_unknown_and_deleted_runs()
    {
        await ThrowsStoreError(ErrorCodes.ResourceDoesNotExist, () => Store.AppendRunLogsAsync("nope", "w", [new NewRunLogLine(1, "x")]));
        var runId = await NewRunIdAsync();
        await Store.AppendRunLogsAsync(runId, "w", [new NewRunLogLine(1, "x")]);
        await Store.DeleteRunAsync(runId);
        await ThrowsStoreError(ErrorCodes.InvalidParameterValue, () => Store.AppendRunLogsAsync(runId, "w", [new NewRunLogLine(2, "y")]));
        await Store.PermanentlyDeleteRunAsync(runId);
        Assert.Empty(await Store.GetRunLogsAsync(runId, 0, 10));
    }

    [Fact]
    public async Task A_log_batch_sent_again_under_its_id_is_stored_once()
    {
        var runId = await NewRunIdAsync();
        var other = await NewRunIdAsync();
        NewRunLogLine[] batch = [new(1, "a"), new(2, "b")];

        Assert.Equal(2, await Store.AppendRunLogsAsync(runId, "w", batch, "batch-1"));
        Assert.Equal(0, await Store.AppendRunLogsAsync(runId, "w", batch, "batch-1")); // a retry after a lost answer
        Assert.Equal(2, await Store.AppendRunLogsAsync(other, "w", batch, "batch-1")); // ids are per run
        Assert.Equal(2, await Store.AppendRunLogsAsync(runId, "w", batch, "batch-2"));
        Assert.Equal(2, await Store.AppendRunLogsAsync(runId, "w", batch)); // no id: appended every time
        Assert.Equal(2, await Store.AppendRunLogsAsync(runId, "w", batch));

        Assert.Equal(["a", "b", "a", "b", "a", "b", "a", "b"], (await Store.GetRunLogsAsync(runId, 0, 100)).Select(l => l.Message));
        Assert.Equal(2, (await Store.GetRunLogsAsync(other, 0, 100)).Count);
    }
}
