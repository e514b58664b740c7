using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Assignments.Sleep;

namespace Platform.Workers.Jobs;

/// <summary>Every assignment this worker can run. Each job's descriptor is the one in Contracts' AssignmentCatalog.</summary>
public static class JobRegistry
{
    public static IReadOnlyList<IAssignmentJob> All { get; } =
    [
        new C1W2LogisticRegressionJob(),
        new C1W3PlanarDataJob(),
        new SleepJob(),
    ];

    public static IAssignmentJob? Find(string assignmentId) => All.FirstOrDefault(j => j.Descriptor.Id == assignmentId);
}
