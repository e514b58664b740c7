using Platform.Dashboard.Formatting;

namespace Platform.Dashboard.Tests.Components;

public sealed class DisplayFormatTests
{
    [Theory]
    [InlineData(0.693147180559945, "0.693147")]
    [InlineData(99.04306220095694, "99.0431")]
    [InlineData(70.0, "70")]
    [InlineData(1234567.0, "1.23457E+06")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Numbers_have_up_to_six_significant_digits(double value, string expected) =>
        Assert.Equal(expected, DisplayFormat.Number(value));

    [Theory]
    [InlineData(850, "850 ms")]
    [InlineData(6_420, "6.4 s")]
    [InlineData(185_000, "3m 05s")]
    [InlineData(7_500_000, "2h 05m")]
    public void Durations_read_naturally(long milliseconds, string expected) =>
        Assert.Equal(expected, DisplayFormat.Duration(TimeSpan.FromMilliseconds(milliseconds)));
}
