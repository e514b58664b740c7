namespace Platform.Contracts.Sweeps;

/// <summary>A numeric setting of a distribution (min, max, mu, sigma, q) with the line it was written on, for error messages.</summary>
public sealed record SweepNumber(double Value, int Line);
