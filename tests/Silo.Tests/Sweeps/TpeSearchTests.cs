using System.Globalization;
using Platform.Contracts.Sweeps;
using Platform.Silo.Sweeps.Search;
using Platform.Silo.Sweeps.Tpe;
using static Platform.Silo.Tests.Sweeps.SweepFixtures;

namespace Platform.Silo.Tests.Sweeps;

public sealed class TpeSearchTests
{
    private const string Plane = "  x: {distribution: uniform, min: -10, max: 10}\n  y: {distribution: uniform, min: -10, max: 10}";

    [Fact]
    public void StartupTrialsAreTheRandomSearchesOwn()
    {
        var space = Space(Plane);
        var tpe = new TpeSearch(space, MetricGoal.Minimize, seed: 9).Suggest(0, 10, []);
        var random = new RandomSearch(space, seed: 9).Suggest(0, 10, []);

        Assert.Equal(random.Select(s => s.Params["x"]), tpe.Select(s => s.Params["x"]));
    }

    [Fact]
    public void ReproducibleFromSeedAndHistory()
    {
        var first = RunSequential(Plane, Bowl, seed: 4, budget: 25, tpe: true);
        var second = RunSequential(Plane, Bowl, seed: 4, budget: 25, tpe: true);

        Assert.Equal(first.Select(o => o.Params["x"] + "," + o.Params["y"]), second.Select(o => o.Params["x"] + "," + o.Params["y"]));
    }

    [Fact]
    public void TheSequenceOfASeedIsPinned()
    {
        // The first three model-based suggestions. Math.Exp/Log are not bit-identical on every CPU architecture, so this
        // pins the x64 sequence; what matters across restarts is the same machine type giving the same trials.
        var history = RunSequential(Plane, Bowl, seed: 4, budget: 13, tpe: true);

        Assert.Equal(["-0.9457229394172391,2.3776930584995046", "-1.158781521203411,2.52984517172747", "0.30803875561344796,-0.7112303430422795"], history.Skip(10).Select(o => o.Params["x"] + "," + o.Params["y"]));
    }

    [Fact]
    public void BeatsRandomOnAQuadraticBowl()
    {
        var seeds = Enumerable.Range(1, 5).ToArray();
        var tpe = seeds.Average(seed => RunSequential(Plane, Bowl, seed, budget: 40, tpe: true).Min(o => o.Value));
        var random = seeds.Average(seed => RunSequential(Plane, Bowl, seed, budget: 40, tpe: false).Min(o => o.Value));

        Assert.True(tpe < random / 2, $"TPE's mean best {tpe} should be well below random's {random}");
    }

    [Fact]
    public void BeatsRandomInOneDimensionOnALogScaleWhenMaximizing()
    {
        // Accuracy peaks at lr = 0.01, with lr drawn log-uniformly over six decades.
        const string LogLr = "  lr: {distribution: log_uniform_values, min: 0.00001, max: 10}";
        static double Accuracy(IReadOnlyDictionary<string, string> p) => -Math.Pow(Math.Log10(Get(p, "lr")) + 2, 2);
        var seeds = Enumerable.Range(1, 5).ToArray();
        var tpe = seeds.Average(seed => RunSequential(LogLr, Accuracy, seed, 30, tpe: true, MetricGoal.Maximize).Max(o => o.Value));
        var random = seeds.Average(seed => RunSequential(LogLr, Accuracy, seed, 30, tpe: false, MetricGoal.Maximize).Max(o => o.Value));

        Assert.True(tpe > random, $"TPE's mean best {tpe} should beat random's {random}");
        Assert.True(tpe > -0.01);
    }

    [Fact]
    public void LearnsTheBestCategory()
    {
        const string Categories = "  opt: {values: [sgd, adam, rmsprop]}\n  x: {distribution: uniform, min: -1, max: 1}";
        static double Loss(IReadOnlyDictionary<string, string> p) => (p["opt"] == "adam" ? 0 : 1) + Math.Abs(Get(p, "x"));
        var history = RunSequential(Categories, Loss, seed: 2, budget: 40, tpe: true);

        Assert.True(history.Skip(20).Count(o => o.Params["opt"] == "adam") >= 14);
    }

    [Fact]
    public void IntegerAndQuantizedParametersStayOnTheirGrid()
    {
        const string Mixed = "  n: {distribution: int_uniform, min: 1, max: 50}\n  x: {distribution: q_uniform, min: -5, max: 5, q: 0.5}";
        static double Loss(IReadOnlyDictionary<string, string> p) => Math.Abs(Get(p, "n") - 17) + Math.Abs(Get(p, "x") - 1.5);
        var history = RunSequential(Mixed, Loss, seed: 3, budget: 30, tpe: true);

        Assert.All(history, o => Assert.DoesNotContain('.', o.Params["n"]));
        Assert.All(history, o => Assert.Equal(0, Get(o.Params, "x") % 0.5));
        Assert.All(history, o => Assert.InRange(Get(o.Params, "n"), 1, 50));
    }

    [Fact]
    public void IgnoresObservationsWithoutAFiniteValue()
    {
        var space = Space(Plane);
        var tpe = new TpeSearch(space, MetricGoal.Minimize, seed: 1, new TpeOptions(StartupTrials: 2));
        var history = new RandomSearch(space, 1).Suggest(0, 5, []).Select(s => new TrialObservation(s.Index, s.Params, double.NaN)).ToArray();

        // All NaN: still in the startup phase, so the same as random search.
        Assert.Equal(new RandomSearch(space, 1).Suggest(5, 1, [])[0].Params, tpe.Suggest(5, 1, history)[0].Params);
    }

    private static double Bowl(IReadOnlyDictionary<string, string> p) => Math.Pow(Get(p, "x") - 3, 2) + Math.Pow(Get(p, "y") + 2, 2);

    private static double Get(IReadOnlyDictionary<string, string> p, string name) => double.Parse(p[name], CultureInfo.InvariantCulture);

    private static List<TrialObservation> RunSequential(
        string parameters, Func<IReadOnlyDictionary<string, string>, double> objective, int seed, int budget, bool tpe, MetricGoal goal = MetricGoal.Minimize)
    {
        var space = Space(parameters);
        ISearchAlgorithm search = tpe ? new TpeSearch(space, goal, seed) : new RandomSearch(space, seed);
        var history = new List<TrialObservation>();
        for (var i = 0; i < budget; i++)
        {
            var suggestion = Assert.Single(search.Suggest(i, 1, history));
            history.Add(new TrialObservation(suggestion.Index, suggestion.Params, objective(suggestion.Params)));
        }

        return history;
    }
}
