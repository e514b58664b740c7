using Platform.Workers.Assignments.C4;
using Platform.Workers.Torch;
using TorchSharp;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class TfSamePaddingTests
{
    [Theory]
    [InlineData(64, 4, 1, 1, 2)] // the ConvNet's W1: the extra row goes at the bottom
    [InlineData(8, 2, 1, 0, 1)] // W2 and the ResNet's f = 2 test blocks
    [InlineData(15, 3, 1, 1, 1)] // odd kernels pad evenly
    [InlineData(64, 8, 8, 0, 0)] // the ConvNet's pools tile their input exactly
    [InlineData(5, 2, 2, 0, 1)] // out = ⌈5/2⌉ = 3 needs one more column
    [InlineData(2, 3, 2, 0, 1)]
    public void Padding_is_tensorflows_same(int input, int kernel, int stride, int before, int after)
    {
        Assert.Equal((before, after), TfSamePadding.For(input, kernel, stride));
    }

    [Fact]
    public void A_bad_size_names_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TfSamePadding.For(8, 0, 1));
        Assert.Equal("kernel", error.ParamName);
    }

    [Fact]
    public void Max_pool_ignores_the_padding_even_when_all_values_are_negative()
    {
        TorchRuntime.EnsureInitialized();
        using var x = torch.tensor(new float[] { -1, -2, -3, -4, -5, -6, -7, -8, -9 }).reshape(1, 1, 3, 3);

        using var pooled = TfSamePadding.MaxPool(x, 2, 2);

        Assert.Equal([1L, 1, 2, 2], pooled.shape);
        Assert.Equal([-1f, -3f, -7f, -9f], pooled.data<float>().ToArray());
    }

    [Fact]
    public void Average_pool_averages_over_the_real_cells_only()
    {
        TorchRuntime.EnsureInitialized();
        using var x = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }).reshape(1, 1, 3, 3);

        using var pooled = TfSamePadding.AvgPool(x, 2, 2);

        Assert.Equal([(1 + 2 + 4 + 5) / 4f, (3 + 6) / 2f, (7 + 8) / 2f, 9f], pooled.data<float>().ToArray());
    }
}
