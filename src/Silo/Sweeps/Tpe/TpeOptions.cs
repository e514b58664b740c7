namespace Platform.Silo.Sweeps.Tpe;

/// <summary>
/// TPE settings; the defaults are Optuna's TPESampler defaults (n_startup_trials 10, n_ei_candidates 24, prior_weight 1,
/// gamma(n) = min(ceil(0.1 n), 25)).
/// </summary>
public sealed record TpeOptions(int StartupTrials = 10, int Candidates = 24, double PriorWeight = 1.0, int MaxGood = 25, double GoodFraction = 0.1)
{
    public static TpeOptions Default { get; } = new();

    /// <summary>How many of <paramref name="observed"/> trials form the "good" group l(x): at least 1, at most <see cref="MaxGood"/>.</summary>
    public int GoodCount(int observed) => Math.Clamp((int)Math.Ceiling(GoodFraction * observed), 1, MaxGood);
}
