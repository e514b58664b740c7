namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 5 week 1: a character-level RNN trained name by name on the dinosaur names, sampling new names as it goes.</summary>
public static class C5W1DinosaurNames
{
    public const string Id = "c5w1-dinosaur-names";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Character-level language model (Dinosaurus Island)",
        [
            new("num_iterations", HyperparameterType.Int, "35000", "names trained on, one optimisation step each (a 2021 run used 22001)",
                Min: 1, Max: 10_000_000),
            new("n_a", HyperparameterType.Int, "50", "hidden state size", Min: 1, Max: 10_000),
            new("dino_names", HyperparameterType.Int, "7", "names sampled at each sampling step", Min: 0, Max: 1000),
            new("vocab_size", HyperparameterType.Int, "27", "characters: newline and a-z (fixed by the data)", Min: 27, Max: 27),
            new("learning_rate", HyperparameterType.Float, "0.01", "gradient descent step size", Min: 0, MinExclusive: true, Max: 100),
            new("maxValue", HyperparameterType.Float, "5.0", "gradients are clipped element-wise to [-maxValue, maxValue]",
                Min: 0, MinExclusive: true, Max: 1e6),
        ],
        ["loss"],
        ["dinosaur_island/dinos.txt"]);
}
