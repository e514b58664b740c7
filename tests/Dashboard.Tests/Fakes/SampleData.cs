using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;

namespace Platform.Dashboard.Tests.Fakes;

/// <summary>A small, realistic tracking store: the course's logistic-regression experiment with runs in each interesting state.</summary>
public static class SampleData
{
    public const string ExperimentId = "1";
    public const string FinishedRunId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const string FailedRunId = "f00dfeedf00dfeedf00dfeedf00dfeed";
    public const string RunningRunId = "0123456789abcdef0123456789abcdef";

    /// <summary>2026-11-25 09:30:00 UTC, the start of the first run.</summary>
    public const long T0 = 1_795_599_000_000;

    /// <summary>The cost printed by the course's logistic regression (learning rate 0.005), every 100 iterations.</summary>
    public static readonly double[] Cost =
    [
        0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941, 0.228004,
        0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542, 0.140872,
    ];

    /// <summary>The cost as chart points, x = iteration.</summary>
    public static ChartPoint[] CostCurve() => Cost.Select((c, i) => new ChartPoint(i * 100, c)).ToArray();

    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeMilliseconds(T0 + 3_600_000);

    public static FakeTrackingApi Create()
    {
        var api = new FakeTrackingApi();
        api.Experiments.Add(new Experiment(ExperimentId, "c1w2-logistic-regression", "file:///mlruns/1", "active", T0 - 86_400_000, T0 + 120_000, []));
        api.Experiments.Add(new Experiment("2", "c1w3-planar-data", "file:///mlruns/2", "active", T0 - 172_800_000, T0 - 90_000_000, []));

        var costHistory = Cost.Select((c, i) => new Metric("cost", c, T0 + i * 300, i * 100L)).ToList();
        api.Runs.Add(Run(FinishedRunId, "lr-0.005", RunStatus.FINISHED, T0, T0 + 6_420,
            [new Param("learning_rate", "0.005"), new Param("num_iterations", "2000")],
            [costHistory[^1], new Metric("train_accuracy", 0.9904306220095694, T0 + 6_000, 2000), new Metric("test_accuracy", 0.7, T0 + 6_000, 2000)],
            [new RunTag(PlatformTags.RunName, "lr-0.005"), new RunTag(PlatformTags.Assignment, "c1w2-logistic-regression"), new RunTag(PlatformTags.Worker, "silo-1")]));
        api.Histories[(FinishedRunId, "cost")] = costHistory;
        api.Artifacts[(FinishedRunId, "plots/decision_boundary.png")] = TestPng.DecisionBoundary();
        api.Artifacts[(FinishedRunId, "plots/cost.png")] = TestPng.Create(240, 180, (x, y) => ((byte)(255 - x / 2), (byte)(230 - y / 2), 250));
        api.Artifacts[(FinishedRunId, "dinosaur_names.txt")] = System.Text.Encoding.UTF8.GetBytes("Macaersaurus\nTrodonosaurus\nLiusaurus\nTrodon\n");
        api.Artifacts[(FinishedRunId, "model/weights.bin")] = new byte[2048];

        api.Runs.Add(Run(FailedRunId, "lr-5", RunStatus.FAILED, T0 + 60_000, T0 + 61_250,
            [new Param("learning_rate", "5"), new Param("num_iterations", "2000")],
            [new Metric("cost", double.NaN, T0 + 61_000, 300)],
            [new RunTag(PlatformTags.Error, "cost became NaN at iteration 300")]));
        api.Logs[FailedRunId] =
        [
            new(1, T0 + 59_800, "platform", "queued"),
            new(2, T0 + 59_900, "platform", "leased by worker silo-1"),
            new(3, T0 + 60_000, "platform", "running on worker silo-1"),
            new(4, T0 + 60_120, "silo-1", "Information: training c1w2-logistic-regression with learning_rate=5 for 2000 iterations"),
            new(5, T0 + 60_500, "silo-1", "Information: Cost after iteration 100: 12.5"),
            new(6, T0 + 60_800, "silo-1", "Warning: cost is Infinity at iteration 200"),
            new(7, T0 + 61_000, "silo-1", "Error: cost became NaN at iteration 300"),
            new(8, T0 + 61_250, "platform", "failed: cost became NaN at iteration 300"),
        ];
        api.Histories[(FailedRunId, "cost")] = [new Metric("cost", 0.693147, T0 + 60_100, 0), new Metric("cost", 12.5, T0 + 60_500, 100),
            new Metric("cost", double.PositiveInfinity, T0 + 60_800, 200), new Metric("cost", double.NaN, T0 + 61_000, 300)];

        api.Runs.Add(Run(RunningRunId, "lr-0.01", RunStatus.RUNNING, T0 + 120_000, null,
            [new Param("learning_rate", "0.01"), new Param("num_iterations", "2000"), new Param("print_cost", "true")],
            [new Metric("cost", 0.3021, T0 + 121_000, 500)],
            []));
        // Still running: a larger learning rate, so the cost falls faster, up to step 500 so far.
        api.Histories[(RunningRunId, "cost")] = [.. new[] { 0.693147, 0.512, 0.401, 0.352, 0.321, 0.3021 }
            .Select((c, i) => new Metric("cost", c, T0 + 120_000 + i * 200, i * 100L))];
        return api;
    }

    public static Run Run(string id, string name, RunStatus status, long start, long? end,
        IReadOnlyList<Param> @params, IReadOnlyList<Metric> metrics, IReadOnlyList<RunTag> tags) =>
        new(new RunInfo(id, ExperimentId, name, status, start, end, $"file:///mlruns/1/{id}/artifacts", "active"), new RunData(metrics, @params, tags));
}
