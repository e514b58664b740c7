using Platform.Contracts.Catalog;

namespace Platform.Dashboard.Submit;

/// <summary>The form's fields for one hyperparameter of the chosen assignment; the values are YAML scalars as typed.</summary>
public sealed class ParameterChoice(HyperparameterDescriptor descriptor)
{
    public HyperparameterDescriptor Descriptor { get; } = descriptor;

    public ParameterMode Mode { get; set; } = ParameterMode.Default;

    public string Value { get; set; } = descriptor.Default;

    /// <summary>Comma-separated values; lists (for list hyperparameters) separated by semicolons.</summary>
    public string Values { get; set; } = "";

    public string Min { get; set; } = "";

    public string Max { get; set; } = "";

    public string Distribution { get; set; } = descriptor.Type == HyperparameterType.Int ? "int_uniform" : "uniform";

    /// <summary>What the form offers for this type: a range only for numbers, no lists of lists for list hyperparameters.</summary>
    public IReadOnlyList<ParameterMode> Modes => Descriptor.Type switch
    {
        HyperparameterType.Int or HyperparameterType.Float => [ParameterMode.Default, ParameterMode.Constant, ParameterMode.Values, ParameterMode.Range],
        _ => [ParameterMode.Default, ParameterMode.Constant, ParameterMode.Values],
    };

    /// <summary>W&amp;B distributions between a min and a max; which fit the hyperparameter's type and range is the server's to say.</summary>
    public IReadOnlyList<string> Distributions => Descriptor.Type == HyperparameterType.Int
        ? ["int_uniform", "q_uniform", "log_uniform_values", "q_log_uniform_values"]
        : ["uniform", "log_uniform_values", "inv_log_uniform_values", "q_uniform"];

    /// <summary>The values as YAML items: comma-separated scalars, or for list hyperparameters semicolon-separated flow lists.</summary>
    public IReadOnlyList<string> ValueItems =>
        Values.Split(Descriptor.Type is HyperparameterType.IntList or HyperparameterType.FloatList ? ';' : ',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
