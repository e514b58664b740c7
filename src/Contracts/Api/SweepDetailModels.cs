using Platform.Contracts.Tracking;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Api;

// What the sweep page shows (GET /api/platform/v1/sweeps/{id}/details) and the sweep file check (POST sweeps/validate).
// Every judgement (best trial, rungs reached, pruning) is made by the API; clients only draw it.

/// <summary>
/// One sweep in full: its state and counts (<see cref="Sweep"/>), the file it was submitted as, its metric, every trial with the
/// metric's history (downsampled on the server), the best trial so far and, for <c>early_terminate: hyperband</c>, the ASHA rungs.
/// </summary>
public sealed record SweepDetails(
    SweepView Sweep,
    string? Name,
    string Yaml,
    SweepMetricView? Metric,
    IReadOnlyList<SweepTrialView> Trials,
    SweepBest? Best,
    SweepRungs? Rungs);

/// <summary>The metric the sweep optimizes: its key, <c>minimize</c> or <c>maximize</c>, and the target that ends the sweep.</summary>
public sealed record SweepMetricView(string Name, string Goal, double? Target = null);

/// <summary>
/// One trial: its run, suggestion index, lifecycle state (queued, leased, running, paused, finished, failed, pruned, cancelled),
/// hyperparameters, the sweep metric's latest value and its history (at most the points asked for), and why it ended when it
/// did not finish (the early stopping rule's reason, or the error).
/// </summary>
public sealed record SweepTrialView(
    string RunId,
    string? RunName,
    int Index,
    string State,
    IReadOnlyDictionary<string, string> Params,
    double? Value,
    long? Step,
    IReadOnlyList<Metric> History,
    string? Reason = null);

/// <summary>
/// The best trial so far by the sweep's goal: among trials that ended finished, else (while none has) among those still running.
/// Failed, pruned and cancelled trials never count, as the search does not observe them either.
/// </summary>
public sealed record SweepBest(string RunId, int Index, double Value, long Step);

/// <summary>ASHA's rungs (steps at which trials are compared, ascending) and, per trial, the rungs it reached.</summary>
public sealed record SweepRungs(IReadOnlyList<long> Steps, int Eta, IReadOnlyList<TrialRungs> Trials);

/// <summary>
/// The rungs one trial reached, lowest first, with the metric value recorded at each (its first value at or after the rung's step).
/// A pruned trial was stopped at the last rung it reached.
/// </summary>
public sealed record TrialRungs(string RunId, int Index, IReadOnlyList<RungValue> Reached, bool Pruned);

public sealed record RungValue(int Rung, long Step, double Value);

/// <summary>The answer of POST sweeps/validate: every problem of the file (with YAML line and parameter path), or a summary of what it would start.</summary>
public sealed record SweepValidation(
    bool Valid,
    IReadOnlyList<ValidationError> Errors,
    string? Assignment = null,
    string? Method = null,
    string? Experiment = null,
    int? GridTrials = null);
