using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// <c>random_mini_batches</c> (spec §0.6): seed(seed); p = permutation(m); batch k = shuffled columns [k·size, (k+1)·size)
/// for k &lt; ⌊m/size⌋, then the remainder if any. Training loops use <see cref="Order"/> and <see cref="Ranges"/> and gather
/// each batch into a reused buffer; <see cref="Random"/> builds the matrices as the notebook returns them.
/// </summary>
public static class MiniBatches
{
    public static int[] Order(int examples, uint seed) => new NumpyRandom(seed).Permutation(examples);

    /// <summary>
    /// The TF1 tutorial notebooks' <c>model()</c> loop (c2w3's MLP, c4w1's 2017 ConvNet): each epoch takes the next seed after
    /// <paramref name="seed"/>, reshuffles with <see cref="Order"/>, and hands <paramref name="step"/> each batch's indices
    /// (on <paramref name="device"/>); step trains on them and returns the batch's cost, taken before its update. The epoch's
    /// cost is Σ batch costs / ⌊m/size⌋ (the notebooks' quirk: one batch more than it divides by when size does not divide m).
    /// </summary>
    public static void RunEpochs(
        int examples, int size, uint seed, int numEpochs, Device device, Func<Tensor, Tensor> step,
        Action<int, double> onEpochCost, CancellationToken cancellation)
    {
        var ranges = Ranges(examples, size);
        var batchesInCost = Math.Max(1, examples / size);
        for (var epoch = 0; epoch < numEpochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            seed++;
            using var epochScope = NewDisposeScope();
            var order = tensor(Order(examples, seed).Select(i => (long)i).ToArray(), device: device);
            // Summed on the device: reading each batch's cost would wait for the device once per batch.
            var epochCost = zeros(1, ScalarType.Float64, device);
            foreach (var (start, count) in ranges)
            {
                using var stepScope = NewDisposeScope();
                epochCost.AddInPlace(step(order.narrow(0, start, count)));
            }

            onEpochCost(epoch, epochCost.item<double>() / batchesInCost);
        }
    }

    /// <summary>(start, count) of each batch within the shuffled order.</summary>
    public static IReadOnlyList<(int Start, int Count)> Ranges(int examples, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var ranges = new List<(int, int)>();
        for (var start = 0; start < examples; start += size)
        {
            ranges.Add((start, Math.Min(size, examples - start)));
        }

        return ranges;
    }

    /// <summary>
    /// Columns order[start..start+count) of <paramref name="source"/> ((rows, columns) row-major) into
    /// <paramref name="destination"/> as (rows, count).
    /// </summary>
    public static void Gather<T>(ReadOnlySpan<T> source, int rows, int[] order, int start, int count, Span<T> destination)
    {
        var columns = source.Length / rows;
        for (var r = 0; r < rows; r++)
        {
            var row = source.Slice(r * columns, columns);
            var target = destination.Slice(r * count, count);
            for (var j = 0; j < count; j++)
            {
                target[j] = row[order[start + j]];
            }
        }
    }

    /// <summary>The notebook's function: the list of (mini_batch_X, mini_batch_Y).</summary>
    public static IReadOnlyList<(Matrix X, Matrix Y)> Random(Matrix x, Matrix y, int size, uint seed)
    {
        var order = Order(x.Columns, seed);
        return Ranges(x.Columns, size).Select(range =>
        {
            var batchX = new Matrix(x.Rows, range.Count);
            var batchY = new Matrix(y.Rows, range.Count);
            Gather<double>(x.Data, x.Rows, order, range.Start, range.Count, batchX.Data);
            Gather<double>(y.Data, y.Rows, order, range.Start, range.Count, batchY.Data);
            return (batchX, batchY);
        }).ToArray();
    }
}
