using System.Net;
using Bunit;
using Platform.Dashboard.Pages;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Pages;

public sealed class ExperimentsPageTests : DashboardTestContext
{
    [Fact]
    public void Lists_experiments_newest_update_first_with_links_to_their_runs()
    {
        var cut = Render<Experiments>();

        var rows = cut.WaitForElements("[data-testid=experiment-row]", 2);
        Assert.Equal("c1w2-logistic-regression", rows[0].QuerySelector("a")!.TextContent);
        Assert.Equal("experiments/1", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("2026-11-25 09:32:00 UTC", rows[0].TextContent);
        Assert.Equal("c1w3-planar-data", rows[1].QuerySelector("a")!.TextContent);
    }

    [Fact]
    public void Says_so_when_there_are_no_experiments()
    {
        Api.Experiments.Clear();

        var cut = Render<Experiments>();

        cut.WaitForAssertion(() => Assert.Contains("No experiments yet", cut.Find("[data-testid=empty]").TextContent));
    }

    [Fact]
    public void Shows_an_api_failure_as_a_message()
    {
        Api.FailWith = (HttpStatusCode.InternalServerError, "INTERNAL_ERROR", "database is locked");

        var cut = Render<Experiments>();

        cut.WaitForAssertion(() => Assert.Equal("Could not load experiments: database is locked", cut.Find("[data-testid=error]").TextContent));
        Assert.DoesNotContain("Exception", cut.Markup);
    }
}
