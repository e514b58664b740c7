using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C5W1DinosaurNames;

/// <summary>The notebook's <c>model</c> arguments (spec §18).</summary>
public sealed record DinosaurNamesOptions(
    int NumIterations = 35000, int NA = 50, int DinoNames = 7, double LearningRate = 0.01, double MaxValue = 5);

/// <summary>One sampling step: the iteration, the smoothed loss, and the names sampled with seeds 0, 1, ….</summary>
public sealed record SamplingStep(int Iteration, double Loss, IReadOnlyList<string> Names);

/// <summary>
/// The notebook's <c>model</c> (spec §18): shuffle the names once (seed 0), then one optimisation step per name in that order,
/// the hidden state carried from one name to the next, and an exponentially smoothed loss. Every
/// <see cref="SamplingInterval"/> iterations (from 0) it reports the loss and <c>dino_names</c> sampled names.
/// </summary>
public static class DinosaurNamesModel
{
    public const int SamplingInterval = 2000;

    /// <summary>get_initial_loss: the loss of a uniform guess over <paramref name="names"/> names of one character each.</summary>
    public static double InitialLoss(int vocabSize, int names) => -Math.Log(1.0 / vocabSize) * names;

    public static double Smooth(double loss, double currentLoss) => loss * 0.999 + currentLoss * 0.001;

    /// <summary>The training order: the examples after seed(0) and numpy's legacy list shuffle.</summary>
    public static IReadOnlyList<string> ShuffledExamples(DinosaurCorpus corpus)
    {
        var examples = corpus.Examples.ToList();
        new NumpyRandom(0).Shuffle(examples);
        return examples;
    }

    public static CharacterRnn Train(
        DinosaurCorpus corpus, DinosaurNamesOptions options, Action<SamplingStep> onSample, CancellationToken cancellation = default)
    {
        var vocabSize = corpus.VocabSize;
        var parameters = CharacterRnn.Initialize(options.NA, vocabSize);
        var loss = InitialLoss(vocabSize, options.DinoNames);
        var examples = ShuffledExamples(corpus).Select(corpus.TrainingPair).ToArray();
        var aPrev = new double[options.NA];
        for (var j = 0; j < options.NumIterations; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (x, y) = examples[j % examples.Length];
            (var currentLoss, _, aPrev) = parameters.Optimize(x, y, aPrev, options.LearningRate, options.MaxValue);
            loss = Smooth(loss, currentLoss);
            if (j % SamplingInterval == 0)
            {
                var names = Enumerable.Range(0, options.DinoNames)
                    .Select(seed => corpus.Name(parameters.Sample(corpus.NewlineIndex, seed)))
                    .ToArray();
                onSample(new SamplingStep(j, loss, names));
            }
        }

        return parameters;
    }
}
