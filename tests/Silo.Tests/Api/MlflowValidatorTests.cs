using Platform.Contracts.Tracking;
using Platform.Silo.Api;

namespace Platform.Silo.Tests.Api;

public sealed class MlflowValidatorTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("train/loss")]
    [InlineData("a b.c-d_e:f")]
    public void Accepts_mlflow_names(string key) => MlflowValidator.Metric(new Metric(key, 1, 1, 0));

    [Theory]
    [InlineData("")]
    [InlineData("bad!name")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    public void Refuses_bad_names(string key) => Assert.Throws<ApiRequestException>(() => MlflowValidator.Param(key, "v"));

    [Fact]
    public void Enforces_lengths_at_mlflows_limits()
    {
        MlflowValidator.Param(new string('k', 250), new string('v', 6000));
        MlflowValidator.Tag("t", new string('v', 8000));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Param(new string('k', 251), "v"));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Param("p", new string('v', 6001)));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Tag("t", new string('v', 8001)));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.ExperimentTag("t", new string('v', 5001)));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Metric(new Metric("m", 1, -1, 0)));
    }

    [Fact]
    public void Enforces_batch_sizes()
    {
        static Metric[] M(int n) => Enumerable.Range(0, n).Select(i => new Metric("m", i, 1, i)).ToArray();
        static Param[] P(int n) => Enumerable.Range(0, n).Select(i => new Param($"p{i}", "v")).ToArray();
        static RunTag[] T(int n) => Enumerable.Range(0, n).Select(i => new RunTag($"t{i}", "v")).ToArray();
        MlflowValidator.Batch(M(1000), [], []);
        MlflowValidator.Batch(M(800), P(100), T(100));
        var ex = Assert.Throws<ApiRequestException>(() => MlflowValidator.Batch(M(1001), [], []));
        Assert.Contains("at most 1000 metrics. Got 1001", ex.Message);
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Batch([], P(101), []));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Batch([], [], T(101)));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Batch(M(801), P(100), T(100)));
        Assert.Throws<ApiRequestException>(() => MlflowValidator.Batch([], [new Param("a", "1"), new Param("a", "2")], []));
        MlflowValidator.Batch([], [new Param("a", "1"), new Param("a", "1")], []);
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData(1, 1)]
    [InlineData(50000, 50000)]
    public void Max_results_defaults_and_bounds(int? requested, int expected) =>
        Assert.Equal(expected, MlflowValidator.MaxResults(requested, MlflowLimits.MaxSearchResults));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50001)]
    public void Max_results_out_of_range_is_refused(int requested) =>
        Assert.Throws<ApiRequestException>(() => MlflowValidator.MaxResults(requested, MlflowLimits.MaxSearchResults));
}
