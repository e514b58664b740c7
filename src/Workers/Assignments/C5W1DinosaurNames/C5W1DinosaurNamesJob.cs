using System.Globalization;
using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;
using DinosaurAssignment = Platform.Contracts.Catalog.Assignments.C5W1DinosaurNames;

namespace Platform.Workers.Assignments.C5W1DinosaurNames;

/// <summary>
/// c5w1-dinosaur-names (spec §18): trains the character-level RNN on the dinosaur names and, every 2000 iterations from 0,
/// logs the smoothed <c>loss</c> (step = iteration) and stores the sampled names as the text artifact
/// <c>samples/iteration_NNNNNN.txt</c>. Plain float64 arrays on the CPU whatever the device.
/// </summary>
public sealed class C5W1DinosaurNamesJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => DinosaurAssignment.Descriptor;

    public static string SamplesPath(int iteration) => $"samples/iteration_{iteration:D6}.txt";

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var corpus = DinosaurCorpus.Load(context.Data);
        var vocabSize = h.GetInt("vocab_size");
        if (corpus.VocabSize != vocabSize)
        {
            throw new InvalidDataException(
                $"params.vocab_size: {DinosaurCorpus.DataFile} has {corpus.VocabSize} distinct characters, not {vocabSize}");
        }

        var options = new DinosaurNamesOptions(
            h.GetInt("num_iterations"), h.GetInt("n_a"), h.GetInt("dino_names"), h.GetDouble("learning_rate"), h.GetDouble("maxValue"));
        DinosaurNamesModel.Train(corpus, options, step =>
        {
            context.Metrics.Log("loss", step.Loss, step.Iteration);
            context.Outputs.SaveText(SamplesPath(step.Iteration), SamplesText(step));
        }, context.Cancellation);
    }

    /// <summary>The notebook's printout of a sampling step: the iteration and loss, then one name per line.</summary>
    public static string SamplesText(SamplingStep step) =>
        string.Create(CultureInfo.InvariantCulture, $"Iteration: {step.Iteration}, Loss: {step.Loss:F6}\n\n")
        + string.Concat(step.Names.Select(name => name + "\n"));
}
