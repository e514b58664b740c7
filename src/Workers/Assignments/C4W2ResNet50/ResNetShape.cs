namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// Width and depth of the ResNet (spec §14): stage k (0-based, stages 2–5 of the notebook) has filters
/// [b·2^k, b·2^k, 4b·2^k] for b = <see cref="BaseFilters"/>, and <see cref="StageBlocks"/>[k] blocks (one convolutional
/// block, then identity blocks). ResNet-50 is b = 64 with [3, 4, 6, 3]; a smaller b or fewer blocks train on a CPU.
/// </summary>
public sealed record ResNetShape(int BaseFilters, IReadOnlyList<int> StageBlocks, int Classes = 6)
{
    public const int Stages = Platform.Contracts.Catalog.Assignments.C4W2ResNet50.Stages;

    public static ResNetShape ResNet50 { get; } = new(64, [3, 4, 6, 3]);

    /// <summary>Checks the shape, naming the hyperparameter at fault.</summary>
    public ResNetShape Validated()
    {
        if (BaseFilters < 1)
        {
            throw new ArgumentException($"base_filters: must be at least 1, got {BaseFilters}");
        }

        if (StageBlocks.Count != Stages || StageBlocks.Any(b => b < 1))
        {
            throw new ArgumentException($"stage_blocks: must list {Stages} stages of at least 1 block each, got [{string.Join(", ", StageBlocks)}]");
        }

        return this;
    }

    public long[] Filters(int stage)
    {
        var width = (long)BaseFilters << stage;
        return [width, width, 4 * width];
    }
}
