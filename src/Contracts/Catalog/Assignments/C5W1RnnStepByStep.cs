namespace Platform.Contracts.Catalog.Assignments;

/// <summary>Course 5 week 1: RNN and LSTM cells and sequences, forward and backward, checked against the notebook's unit tests (no data files).</summary>
public static class C5W1RnnStepByStep
{
    public const string Id = "c5w1-rnn-step-by-step";

    public static AssignmentDescriptor Descriptor { get; } = new(
        Id,
        "Building a recurrent neural network, step by step (unit tests)",
        [],
        ["unit_tests_passed", "unit_tests_total"],
        []);
}
