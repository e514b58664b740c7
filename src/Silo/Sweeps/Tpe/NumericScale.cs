using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Search;

namespace Platform.Silo.Sweeps.Tpe;

/// <summary>
/// The space TPE models a numeric parameter in: the log of the value for log distributions (so kernels are
/// multiplicative), the value otherwise; bounded by the distribution's range. Normals have no range, so they are cut at
/// mu ± 4 sigma (99.99% of their mass) and their own Gaussian is the prior; bounded ones get Optuna's prior, a Gaussian at
/// the centre as wide as the range.
/// </summary>
internal sealed record NumericScale(NumericDimension Dimension, double Low, double High, double PriorMu, double PriorSigma)
{
    private const double NormalCut = 4.0;

    public static NumericScale For(NumericDimension d)
    {
        var (low, high) = d.Distribution switch
        {
            // Integers own the interval of values that round to them.
            ParameterDistribution.IntUniform => (d.Min - 0.5, d.Max + 0.5),
            ParameterDistribution.Uniform or ParameterDistribution.QUniform
                or ParameterDistribution.LogUniform or ParameterDistribution.QLogUniform => (d.Min, d.Max),
            ParameterDistribution.LogUniformValues or ParameterDistribution.QLogUniformValues
                or ParameterDistribution.InvLogUniformValues => (Math.Log(d.Min), Math.Log(d.Max)),
            // X = e^-U with U in [min, max], so log X lies in [-max, -min].
            ParameterDistribution.InvLogUniform => (-d.Max, -d.Min),
            _ => (d.Mu - (NormalCut * d.Sigma), d.Mu + (NormalCut * d.Sigma)),
        };
        return d.IsNormal
            ? new NumericScale(d, low, high, d.Mu, d.Sigma)
            : new NumericScale(d, low, high, (low + high) / 2, high - low);
    }

    /// <summary>An observed value in this space, clamped into the bounds; null if it is not a number.</summary>
    public double? ToInternal(string canonical)
    {
        if (!double.TryParse(canonical, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        // A q_log value can round to 0; the smallest positive double keeps the log finite before the clamp.
        var z = Dimension.IsLogScale ? Math.Log(Math.Max(value, double.Epsilon)) : value;
        return Math.Clamp(z, Low, High);
    }

    /// <summary>A point of this space as a parameter value, with the distribution's own rounding applied.</summary>
    public double FromInternal(double z)
    {
        var value = Dimension.IsLogScale ? Math.Exp(z) : z;
        return Dimension.Distribution == ParameterDistribution.IntUniform
            ? Math.Clamp(Math.Round(value), Dimension.Min, Dimension.Max)
            : Dimension.IsQuantized ? DistributionSampler.Quantize(value, Dimension.Q) : value;
    }
}
