namespace Platform.Dashboard.Submit;

/// <summary>How the form sweeps one hyperparameter: left at its default, one value, a list of values, or a distribution between bounds.</summary>
public enum ParameterMode
{
    Default,
    Constant,
    Values,
    Range,
}
