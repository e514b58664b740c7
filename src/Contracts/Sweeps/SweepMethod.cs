namespace Platform.Contracts.Sweeps;

/// <summary>The W&amp;B search strategies. Only <see cref="Grid"/> is expanded up front; the others are sampled by the sweep engine.</summary>
public enum SweepMethod
{
    Grid,
    Random,
    Bayes,
}
