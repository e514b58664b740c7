using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Numerics;

/// <summary>Float64 tensors to and from row-major arrays, and seeded like the notebooks' <c>np.random.randn</c>.</summary>
public static class Float64Tensors
{
    public static Tensor FromRowMajor(double[] values, long[] shape, Device? device = null) =>
        torch.tensor(values, shape, dtype: ScalarType.Float64, device: device);

    /// <summary>randn(rows, columns) from <paramref name="random"/>'s stream, as a (rows, columns) tensor.</summary>
    public static Tensor Randn(NumpyRandom random, int rows, int columns, Device? device = null) =>
        FromRowMajor(random.Randn(rows, columns), [rows, columns], device);

    /// <summary>randn(d0, …, dk) from <paramref name="random"/>'s stream (C order), as a tensor of that shape.</summary>
    public static Tensor Randn(NumpyRandom random, params long[] shape) =>
        FromRowMajor(random.Randn([.. shape.Select(d => checked((int)d))]), shape);

    /// <summary>A one-element tensor's value as a double, whatever its floating dtype (float32 runs of the float64 jobs).</summary>
    public static double Item(Tensor scalar)
    {
        using var wide = scalar.to_type(ScalarType.Float64);
        return wide.item<double>();
    }

    /// <summary>The values in row-major order, copied to the CPU.</summary>
    public static double[] Values(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.data<double>().ToArray();
    }
}
