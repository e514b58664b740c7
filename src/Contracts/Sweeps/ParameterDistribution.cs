namespace Platform.Contracts.Sweeps;

/// <summary>The W&amp;B parameter distributions; <see cref="SweepNames"/> maps them to the snake_case names used in sweep files.</summary>
public enum ParameterDistribution
{
    Constant,
    Categorical,
    IntUniform,
    Uniform,
    QUniform,
    LogUniform,
    LogUniformValues,
    QLogUniform,
    QLogUniformValues,
    InvLogUniform,
    InvLogUniformValues,
    Normal,
    QNormal,
    LogNormal,
    QLogNormal,
}
