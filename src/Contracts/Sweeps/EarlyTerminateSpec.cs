namespace Platform.Contracts.Sweeps;

/// <summary>
/// W&amp;B early termination. Only <c>hyperband</c> exists: brackets come from <see cref="MinIter"/>, or from
/// <see cref="MaxIter"/> and <see cref="S"/>; <see cref="Eta"/> is the halving rate (W&amp;B's default is 3).
/// </summary>
public sealed record EarlyTerminateSpec(string Type, int? MinIter, int? MaxIter, int? S, int Eta, bool Strict, int Line);
