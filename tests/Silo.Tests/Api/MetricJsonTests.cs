using System.Text.Json;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Tests.Api;

/// <summary>The hand-written metric reader/writer must read and write exactly what the serializer's defaults did.</summary>
public sealed class MetricJsonTests
{
    [Fact]
    public void Reads_numbers_strings_named_literals_any_case_and_ignores_unknown_fields()
    {
        var metrics = JsonSerializer.Deserialize<List<Metric>>("""
            [{"key":"loss","value":0.25,"timestamp":1700000000000,"step":3},
             {"Key":"loss","VALUE":"NaN","timestamp":"17","step":"-2","extra":{"a":[1,2]}},
             {"key":"acc","value":"Infinity","timestamp":1},
             {"key":"l\u006fss","value":"-Infinity","step":4},
             {"value":"1.5e3","timestamp":2}]
            """, TrackingJson.Options)!;
        Assert.Equal(new Metric("loss", 0.25, 1_700_000_000_000, 3), metrics[0]);
        Assert.Equal(new Metric("loss", double.NaN, 17, -2), metrics[1]);
        Assert.Equal(new Metric("acc", double.PositiveInfinity, 1, 0), metrics[2]);
        Assert.Equal(new Metric("loss", double.NegativeInfinity, 0, 4), metrics[3]);
        Assert.Equal(new Metric(null!, 1500, 2, 0), metrics[4]);
    }

    [Theory]
    [InlineData("""{"key":"a","value":"abc"}""")]
    [InlineData("""{"key":"a","value":null}""")]
    [InlineData("""{"key":"a","timestamp":1.5}""")]
    [InlineData("""{"key":3}""")]
    [InlineData("""[1]""")]
    public void Refuses_values_of_the_wrong_type(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Metric>(json.StartsWith('[') ? json[1..^1] : json, TrackingJson.Options));

    [Fact]
    public void Writes_snake_case_with_named_literals_and_round_trips()
    {
        Assert.Equal("""{"key":"loss","value":0.1,"timestamp":5,"step":-1}""",
            JsonSerializer.Serialize(new Metric("loss", 0.1, 5, -1), TrackingJson.Options));
        Assert.Equal("""[{"key":"a","value":"NaN","timestamp":0,"step":0},{"key":"b","value":"-Infinity","timestamp":1,"step":2}]""",
            JsonSerializer.Serialize(new[] { new Metric("a", double.NaN, 0, 0), new Metric("b", double.NegativeInfinity, 1, 2) }, TrackingJson.Options));
        var m = new Metric("x/y", 1e-300, long.MaxValue, long.MinValue);
        Assert.Equal(m, JsonSerializer.Deserialize<Metric>(JsonSerializer.Serialize(m, TrackingJson.Options), TrackingJson.Options));
    }
}
