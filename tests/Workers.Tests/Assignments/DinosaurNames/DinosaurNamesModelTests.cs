using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Validation;
using Platform.Workers.Assignments.C5W1DinosaurNames;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments.DinosaurNames;

/// <summary>The dinosaur names data, the notebook's training loop and the job (spec §18).</summary>
public sealed class DinosaurNamesModelTests
{
    private static readonly Lazy<DinosaurCorpus> Corpus = new(() => DinosaurCorpus.Load(TestData.DataDirectory));

    [Fact]
    public void The_corpus_has_the_notebooks_1536_names_and_27_characters()
    {
        var corpus = Corpus.Value;

        Assert.Equal(1536, corpus.Examples.Count);
        Assert.Equal(19909, File.ReadAllText(TestData.DataDirectory.File(DinosaurCorpus.DataFile)).Length);
        Assert.Equal(27, corpus.VocabSize);
        Assert.Equal(0, corpus.NewlineIndex);
        Assert.Equal([1, 26], new[] { corpus.Index('a'), corpus.Index('z') });
        Assert.Equal("aachenosaurus", corpus.Examples[0]);
    }

    [Fact]
    public void A_training_pair_starts_with_no_input_and_ends_with_a_newline()
    {
        var (x, y) = Corpus.Value.TrainingPair("abc");

        Assert.Equal([CharacterRnn.NoInput, 1, 2, 3], x);
        Assert.Equal([1, 2, 3, 0], y);
    }

    [Fact]
    public void A_sampled_name_is_printed_up_to_its_newline_with_a_capital()
    {
        Assert.Equal("Abc", Corpus.Value.Name([1, 2, 3, 0]));
        Assert.Equal("", Corpus.Value.Name([0]));
    }

    [Fact]
    public void The_loss_at_iteration_0_is_the_notebooks()
    {
        var steps = new List<SamplingStep>();

        DinosaurNamesModel.Train(Corpus.Value, new DinosaurNamesOptions(NumIterations: 1), steps.Add);

        var step = Assert.Single(steps);
        Assert.Equal(0, step.Iteration);
        Expect.Printed(23.087336, step.Loss, what: "loss at iteration 0"); // printed with %f
        Assert.Equal(7, step.Names.Count);
    }

    [Fact]
    public void Sampling_happens_every_2000_iterations_from_0()
    {
        var steps = new List<SamplingStep>();

        DinosaurNamesModel.Train(Corpus.Value, new DinosaurNamesOptions(NumIterations: 4001, DinoNames: 2), steps.Add);

        Assert.Equal([0, 2000, 4000], steps.Select(s => s.Iteration));
        Assert.All(steps, s => Assert.Equal(2, s.Names.Count));
    }

    [Fact]
    public void The_job_logs_the_loss_and_stores_the_samples_of_each_sampling_step()
    {
        var metrics = new RecordingMetricSink();
        var artifacts = new RecordingRunOutputs();
        var raw = new Dictionary<string, string> { ["num_iterations"] = "2001" };

        new C5W1DinosaurNamesJob().Run(JobContexts.For(C5W1DinosaurNames.Descriptor, metrics, raw, outputs: artifacts));

        var losses = metrics.For("loss");
        Assert.Equal([0L, 2000L], losses.Select(p => p.Step));
        Expect.Printed(23.087336, losses[0].Value);
        Assert.Equal([C5W1DinosaurNamesJob.SamplesPath(0), C5W1DinosaurNamesJob.SamplesPath(2000)], artifacts.Paths);
        var lines = artifacts.Text("samples/iteration_002000.txt").Split('\n');
        Assert.StartsWith("Iteration: 2000, Loss: ", lines[0]);
        Assert.Equal(7, lines.Skip(2).Count(l => l.Length > 0 && char.IsUpper(l[0])));
    }

    [Fact]
    public void A_vocab_size_other_than_the_datas_is_refused_naming_the_field()
    {
        var e = Assert.Throws<PlatformValidationException>(() =>
            HyperparameterBinder.Bind(C5W1DinosaurNames.Descriptor, new Dictionary<string, string> { ["vocab_size"] = "28" }));
        Assert.Contains("vocab_size", e.Message);
    }

    /// <summary>The spec's BAND for the full 35,000-iteration run: the loss logged at iteration 34000.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void The_full_run_ends_in_the_notebooks_band()
    {
        var steps = new List<SamplingStep>();

        DinosaurNamesModel.Train(Corpus.Value, new DinosaurNamesOptions(), steps.Add);

        Assert.Equal(34000, steps[^1].Iteration);
        Assert.InRange(steps[^1].Loss, 22.1, 22.9);
    }
}
