using Platform.Contracts.Tracking;
using Platform.Dashboard.Runs;

namespace Platform.Dashboard.Tests.Components;

public sealed class RunQueryTests
{
    [Fact]
    public void The_default_view_is_newest_first_with_no_filter()
    {
        var q = RunQuery.Parse(null, null, null, null);

        Assert.Null(q.ServerFilter());
        Assert.Equal(["attributes.start_time DESC"], q.OrderBy());
        Assert.Equal("experiments/7", q.ToUrl("7"));
    }

    [Fact]
    public void One_chip_is_an_equality_and_the_user_filter_is_kept_in_front()
    {
        var q = RunQuery.Parse(" params.lr = '0.1' ", "running,bogus", null, null);

        Assert.Equal([RunStatus.RUNNING], q.Statuses);
        Assert.Equal("params.lr = '0.1' AND attributes.status = 'RUNNING'", q.ServerFilter());
    }

    [Fact]
    public void Sorting_a_new_column_is_ascending_and_the_same_column_flips()
    {
        var q = RunQuery.Default.SortedBy("metrics.cost");
        Assert.Equal(["metrics.cost ASC"], q.OrderBy());
        Assert.Equal(["metrics.cost DESC"], q.SortedBy("metrics.cost").OrderBy());
        // The default column is already descending: clicking it goes ascending.
        Assert.Equal(["attributes.start_time ASC"], RunQuery.Default.SortedBy("attributes.start_time").OrderBy());
    }

    [Fact]
    public void Keys_with_spaces_are_quoted_in_order_by()
    {
        Assert.Equal(["params.`my lr` ASC"], RunQuery.Default.SortedBy("params.my lr").OrderBy());
        Assert.Equal(["metrics.loss/train ASC"], RunQuery.Default.SortedBy("metrics.loss/train").OrderBy());
    }

    [Fact]
    public void The_url_round_trips()
    {
        var q = new RunQuery("metrics.cost < 0.2", [RunStatus.FINISHED, RunStatus.FAILED], "params.lr", true);

        var url = new Uri(new Uri("http://x/"), q.ToUrl("1"));
        var values = System.Web.HttpUtility.ParseQueryString(url.Query);

        Assert.Equal(q with { Statuses = [] }, RunQuery.Parse(values["filter"], values["status"], values["sort"], values["dir"]) with { Statuses = [] });
        Assert.Equal(q.Statuses, RunQuery.Parse(values["filter"], values["status"], values["sort"], values["dir"]).Statuses);
    }

    [Fact]
    public void Hidden_columns_toggle_and_travel_in_the_address_one_per_key()
    {
        var q = RunQuery.Default.ToggledColumn("params.a,b").ToggledColumn("metrics.cost");

        Assert.True(q.IsHidden("params.a,b"));
        Assert.False(q.IsHidden("params.a"));
        Assert.Equal("experiments/1?hide=params.a,b&hide=metrics.cost", q.ToUrl("1"));
        Assert.Equal(["metrics.cost"], q.ToggledColumn("params.a,b").Hidden);
        Assert.Equal(["params.a,b", "metrics.cost"], RunQuery.Parse(null, null, null, null, ["params.a,b", "metrics.cost", "", "metrics.cost"]).Hidden);
    }
}
