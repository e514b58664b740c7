using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Search;

/// <summary>A parameter drawn from a numeric W&amp;B distribution, with W&amp;B's defaults filled in (mu 0, sigma 1, q 1).</summary>
public sealed record NumericDimension(
    string Name,
    HyperparameterDescriptor Descriptor,
    ParameterDistribution Distribution,
    double Min,
    double Max,
    double Mu,
    double Sigma,
    double Q) : SearchDimension(Name, Descriptor)
{
    public bool IsQuantized => Distribution is ParameterDistribution.QUniform or ParameterDistribution.QLogUniform
        or ParameterDistribution.QLogUniformValues or ParameterDistribution.QNormal or ParameterDistribution.QLogNormal;

    /// <summary>Whether values are spread on a log scale (TPE models these in log space).</summary>
    public bool IsLogScale => Distribution is ParameterDistribution.LogUniform or ParameterDistribution.LogUniformValues
        or ParameterDistribution.QLogUniform or ParameterDistribution.QLogUniformValues or ParameterDistribution.InvLogUniform
        or ParameterDistribution.InvLogUniformValues or ParameterDistribution.LogNormal or ParameterDistribution.QLogNormal;

    public bool IsNormal => Distribution is ParameterDistribution.Normal or ParameterDistribution.QNormal
        or ParameterDistribution.LogNormal or ParameterDistribution.QLogNormal;
}
