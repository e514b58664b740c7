namespace Platform.Contracts.Sweeps;

/// <summary>The spellings used in sweep files for the enums of the sweep model, both ways.</summary>
public static class SweepNames
{
    private static readonly Dictionary<ParameterDistribution, string> DistributionNames = new()
    {
        [ParameterDistribution.Constant] = "constant",
        [ParameterDistribution.Categorical] = "categorical",
        [ParameterDistribution.IntUniform] = "int_uniform",
        [ParameterDistribution.Uniform] = "uniform",
        [ParameterDistribution.QUniform] = "q_uniform",
        [ParameterDistribution.LogUniform] = "log_uniform",
        [ParameterDistribution.LogUniformValues] = "log_uniform_values",
        [ParameterDistribution.QLogUniform] = "q_log_uniform",
        [ParameterDistribution.QLogUniformValues] = "q_log_uniform_values",
        [ParameterDistribution.InvLogUniform] = "inv_log_uniform",
        [ParameterDistribution.InvLogUniformValues] = "inv_log_uniform_values",
        [ParameterDistribution.Normal] = "normal",
        [ParameterDistribution.QNormal] = "q_normal",
        [ParameterDistribution.LogNormal] = "log_normal",
        [ParameterDistribution.QLogNormal] = "q_log_normal",
    };

    public static IReadOnlyList<string> Distributions { get; } = DistributionNames.Values.ToArray();

    public static IReadOnlyList<string> Methods { get; } = ["grid", "random", "bayes"];

    public static IReadOnlyList<string> Goals { get; } = ["minimize", "maximize"];

    public static string Name(this ParameterDistribution distribution) => DistributionNames[distribution];

    public static string Name(this SweepMethod method) => Methods[(int)method];

    public static string Name(this MetricGoal goal) => Goals[(int)goal];

    public static bool TryParseDistribution(string text, out ParameterDistribution distribution)
    {
        foreach (var (key, name) in DistributionNames)
        {
            if (name == text)
            {
                distribution = key;
                return true;
            }
        }

        distribution = default;
        return false;
    }
}
