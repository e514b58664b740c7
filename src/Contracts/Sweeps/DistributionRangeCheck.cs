using Platform.Contracts.Catalog;
using Platform.Contracts.Validation;
using YamlDotNet.RepresentationModel;

namespace Platform.Contracts.Sweeps;

/// <summary>
/// Checks that a distribution can only produce values the hyperparameter accepts, by running the extreme values it can
/// produce through <see cref="HyperparameterBinder.TryCanonicalize(HyperparameterDescriptor, YamlNode, out string, out string)"/>
/// (one range rule, one message format). Transforms follow W&amp;B: log_* take exponents, q_* round to multiples of q.
/// </summary>
internal static class DistributionRangeCheck
{
    public static void Check(ParameterSpec parameter, HyperparameterDescriptor descriptor, List<ValidationError> errors)
    {
        var distribution = parameter.Distribution!.Value;
        if (descriptor.Type is not (HyperparameterType.Float or HyperparameterType.Int))
        {
            errors.Add(new ValidationError(parameter.Path,
                $"distribution {distribution.Name()} needs a numeric hyperparameter, but {descriptor.Name} is {descriptor.Type}; use `values`", parameter.Line));
            return;
        }

        if (descriptor.Type == HyperparameterType.Int && !YieldsIntegers(parameter, distribution, descriptor, errors))
        {
            return;
        }

        foreach (var (bound, path, value) in Ends(parameter, distribution))
        {
            var text = descriptor.Type == HyperparameterType.Int ? ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture) : HyperparameterBinder.FormatFloat(value);
            if (!HyperparameterBinder.TryCanonicalize(descriptor, new YamlScalarNode(text), out _, out var error))
            {
                var transformed = value != bound.Value;
                errors.Add(new ValidationError(path,
                    transformed ? $"distribution {distribution.Name()} reaches {text} here, which {error}" : error, bound.Line));
            }
        }
    }

    private static bool YieldsIntegers(ParameterSpec parameter, ParameterDistribution distribution, HyperparameterDescriptor descriptor, List<ValidationError> errors)
    {
        switch (distribution)
        {
            case ParameterDistribution.IntUniform:
                return true;
            case ParameterDistribution.QUniform or ParameterDistribution.QLogUniform or ParameterDistribution.QLogUniformValues
                or ParameterDistribution.QNormal or ParameterDistribution.QLogNormal:
                // Rounding to multiples of a whole q gives whole numbers; W&B's q defaults to 1.
                if (parameter.Q is { } q && !ParameterSpecParser.IsWhole(q.Value))
                {
                    errors.Add(new ValidationError(parameter.Path + ".q",
                        $"must be a whole number because {descriptor.Name} is an integer, got {ParameterSpecParser.Format(q.Value)}", q.Line));
                    return false;
                }

                return true;
            default:
                errors.Add(new ValidationError(parameter.Path,
                    $"distribution {distribution.Name()} gives fractional values but {descriptor.Name} is an integer; use int_uniform, a q_ distribution or `values`",
                    parameter.Line));
                return false;
        }
    }

    /// <summary>The smallest and largest values the distribution can produce, each with the setting it comes from.</summary>
    private static IEnumerable<(SweepNumber Bound, string Path, double Value)> Ends(ParameterSpec p, ParameterDistribution distribution)
    {
        var q = p.Q?.Value ?? 1;
        switch (distribution)
        {
            case ParameterDistribution.IntUniform or ParameterDistribution.Uniform or ParameterDistribution.LogUniformValues
                or ParameterDistribution.InvLogUniformValues:
                yield return (p.Min!, p.Path + ".min", p.Min!.Value);
                yield return (p.Max!, p.Path + ".max", p.Max!.Value);
                break;
            case ParameterDistribution.QUniform or ParameterDistribution.QLogUniformValues:
                yield return (p.Min!, p.Path + ".min", Quantize(p.Min!.Value, q));
                yield return (p.Max!, p.Path + ".max", Quantize(p.Max!.Value, q));
                break;
            case ParameterDistribution.LogUniform:
                yield return (p.Min!, p.Path + ".min", Math.Exp(p.Min!.Value));
                yield return (p.Max!, p.Path + ".max", Math.Exp(p.Max!.Value));
                break;
            case ParameterDistribution.QLogUniform:
                yield return (p.Min!, p.Path + ".min", Quantize(Math.Exp(p.Min!.Value), q));
                yield return (p.Max!, p.Path + ".max", Quantize(Math.Exp(p.Max!.Value), q));
                break;
            case ParameterDistribution.InvLogUniform:
                // X = 1 / e^U with U in [min, max]: max gives the smallest X.
                yield return (p.Max!, p.Path + ".max", Math.Exp(-p.Max!.Value));
                yield return (p.Min!, p.Path + ".min", Math.Exp(-p.Min!.Value));
                break;
            case ParameterDistribution.Normal or ParameterDistribution.QNormal or ParameterDistribution.LogNormal or ParameterDistribution.QLogNormal:
                // Unbounded: only the centre can be checked; the sampler must redraw values outside the range.
                if (p.Mu is { } mu)
                {
                    var centre = distribution is ParameterDistribution.LogNormal or ParameterDistribution.QLogNormal ? Math.Exp(mu.Value) : mu.Value;
                    yield return (mu, p.Path + ".mu", distribution is ParameterDistribution.QNormal or ParameterDistribution.QLogNormal ? Quantize(centre, q) : centre);
                }

                break;
        }
    }

    // numpy's round (used by W&B) rounds half to even, like Math.Round's default.
    private static double Quantize(double value, double q) => Math.Round(value / q) * q;
}
