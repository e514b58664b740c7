namespace Platform.Contracts.Sweeps;

/// <summary>
/// Early termination. <c>hyperband</c> is W&amp;B's: brackets come from <see cref="MinIter"/>, or from <see cref="MaxIter"/> and
/// <see cref="S"/>; <see cref="Eta"/> is the halving rate (W&amp;B's default is 3). <c>median</c> is the median stopping rule
/// (Vizier; Katib's <c>medianstop</c>, Optuna's <c>MedianPruner</c>): it acts from step <see cref="MinIter"/> on, once
/// <see cref="MinTrials"/> trials have finished.
/// </summary>
public sealed record EarlyTerminateSpec(string Type, int? MinIter, int? MaxIter, int? S, int Eta, bool Strict, int Line, int? MinTrials = null)
{
    public const string Hyperband = "hyperband";

    public const string Median = "median";

    /// <summary>The median rule's default <see cref="MinTrials"/>, Katib's <c>min_trials_required</c>.</summary>
    public const int DefaultMinTrials = 3;
}
