namespace Platform.Workers.Agent.Isolation;

/// <summary>The program the worker agent starts for each trial (<c>platform trial-host</c>), as a file name and its arguments.</summary>
public sealed record TrialHostCommand(string FileName, IReadOnlyList<string> Arguments);
