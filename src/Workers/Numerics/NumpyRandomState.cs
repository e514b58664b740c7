namespace Platform.Workers.Numerics;

/// <summary>
/// What numpy's <c>get_state()</c> returns for the legacy generator: the MT19937 key (624 words), the position in it, and
/// whether a gaussian of the last Box-Muller pair is cached (and its value).
/// </summary>
public sealed record NumpyRandomState(uint[] Key, int Position, bool HasGauss, double CachedGaussian);
