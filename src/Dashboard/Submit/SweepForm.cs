using Platform.Contracts.Catalog;
using Platform.Contracts.Sweeps;

namespace Platform.Dashboard.Submit;

/// <summary>
/// The sweep submission form for one assignment, generated from its hyperparameter schema. It only writes a sweep file
/// (<see cref="SweepYamlWriter"/>); whether the file is valid is the server's judgement (POST sweeps/validate).
/// </summary>
public sealed class SweepForm
{
    public SweepForm(AssignmentDescriptor assignment)
    {
        Assignment = assignment;
        Name = $"{assignment.Id}-sweep";
        Metric = assignment.MetricKeys.FirstOrDefault() ?? "";
        // Accuracies go up, costs and losses down: a starting point the user can change.
        Goal = Metric.Contains("accuracy", StringComparison.OrdinalIgnoreCase) ? "maximize" : "minimize";
        Parameters = assignment.Hyperparameters.Select(h => new ParameterChoice(h)).ToArray();
    }

    public AssignmentDescriptor Assignment { get; }

    public string Name { get; set; }

    public string Experiment { get; set; } = "";

    public string Method { get; set; } = "grid";

    public string Metric { get; set; }

    public string Goal { get; set; }

    public string RunCap { get; set; } = "";

    public bool EarlyTerminate { get; set; }

    /// <summary><c>hyperband</c> (ASHA, with <see cref="Eta"/>) or <c>median</c> (the median stopping rule, with <see cref="MinTrials"/>).</summary>
    public string EarlyTerminateType { get; set; } = EarlyTerminateSpec.Hyperband;

    /// <summary>The median rule takes <see cref="MinTrials"/> where hyperband takes <see cref="Eta"/>.</summary>
    public bool UsesMedianRule => EarlyTerminateType == EarlyTerminateSpec.Median;

    public string MinIter { get; set; } = "1";

    public string Eta { get; set; } = "3";

    public string MinTrials { get; set; } = "3";

    public IReadOnlyList<ParameterChoice> Parameters { get; }
}
