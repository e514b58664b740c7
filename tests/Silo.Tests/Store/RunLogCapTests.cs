using Platform.Contracts.Api;
using Platform.Silo.Store;

namespace Platform.Silo.Tests.Store;

public sealed class RunLogCapTests
{
    private static NewRunLogLine[] Lines(int n) => Enumerable.Range(1, n).Select(i => new NewRunLogLine(i, $"l{i}")).ToArray();

    [Fact]
    public void A_batch_with_room_is_taken_whole_with_its_source()
    {
        var admitted = RunLogCap.Admit(2, Lines(3), "w-1", maxLines: 10);
        Assert.Equal(["l1", "l2", "l3"], admitted.Select(e => e.Message));
        Assert.All(admitted, e => Assert.Equal("w-1", e.Source));
    }

    [Fact]
    public void The_last_free_slot_holds_the_notice_and_a_full_log_takes_nothing()
    {
        var admitted = RunLogCap.Admit(7, Lines(5), "w-1", maxLines: 10);
        Assert.Equal(["l1", "l2", RunLogLimits.CapNotice], admitted.Select(e => e.Message));
        Assert.Equal(RunLogLimits.PlatformSource, admitted[^1].Source);
        Assert.Empty(RunLogCap.Admit(10, Lines(1), "w-1", maxLines: 10));
        Assert.Empty(RunLogCap.Admit(12, Lines(1), "w-1", maxLines: 10));
    }

    [Fact]
    public void Long_lines_are_cut_to_the_cap_with_an_ellipsis()
    {
        Assert.Equal("short", RunLogCap.Cut("short"));
        var exact = new string('a', RunLogLimits.MaxLineChars);
        Assert.Same(exact, RunLogCap.Cut(exact));
        var cut = RunLogCap.Cut(exact + "b");
        Assert.Equal(RunLogLimits.MaxLineChars, cut.Length);
        Assert.Equal(new string('a', RunLogLimits.MaxLineChars - 1) + "…", cut);
    }
}
