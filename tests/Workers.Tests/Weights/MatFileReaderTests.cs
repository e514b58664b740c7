using Platform.Testing;
using Platform.Workers.Tests.Support;
using Platform.Workers.Weights;

namespace Platform.Workers.Tests.Weights;

public sealed class MatFileReaderTests : IDisposable
{
    private readonly TempDirectory temp = new("mat-files");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_numeric_char_cell_and_struct_arrays_back(bool compress)
    {
        var path = Path.Combine(temp.Path, "test.mat");
        var layer = new Dictionary<string, MatArray>
        {
            ["name"] = new MatChar("", [1, 7], "conv1_1"),
            ["weights"] = new MatCell("", [1, 2], [new MatNumeric("", [2, 3], "single", [1, 2, 3, 4, 5, 6], null), new MatNumeric("", [1, 3], "single", [0.5f, -1, 7], null)]),
        };
        MatFileWriter.Write(path,
        [
            new MatCell("layers", [1, 2], [new MatStruct("", [1, 1], ["name", "weights"], [layer]), new MatNumeric("", [1, 1], "double", null, [2.25])]),
            new MatNumeric("scale", [1, 2], "double", null, [1.5, -3]),
        ], compress);

        var variables = MatFileReader.Read(path);

        Assert.Equal([1.5, -3], ((MatNumeric)variables["scale"]).Doubles!);
        var cells = ((MatCell)variables["layers"]).Cells;
        var read = ((MatStruct)cells[0]).Elements.Single();
        Assert.Equal("conv1_1", ((MatChar)read["name"]).Text);
        var weights = ((MatCell)read["weights"]).Cells.Cast<MatNumeric>().ToArray();
        Assert.Equal([2, 3], weights[0].Dimensions);
        Assert.Equal([1f, 2, 3, 4, 5, 6], weights[0].Singles!);
        Assert.Equal([0.5f, -1, 7], weights[1].Singles!);
        Assert.Equal([2.25], ((MatNumeric)cells[1]).Doubles!);
    }

    [Fact]
    public void Arrays_over_the_size_limit_keep_their_dimensions_but_not_their_values()
    {
        var path = Path.Combine(temp.Path, "big.mat");
        MatFileWriter.Write(path, [new MatNumeric("big", [2, 3], "single", new float[6], null), new MatNumeric("small", [1, 1], "double", null, [4])], compress: true);

        var variables = MatFileReader.Read(path, maxElements: 5);

        var big = (MatNumeric)variables["big"];
        Assert.True(big.Skipped);
        Assert.Equal([2, 3], big.Dimensions);
        Assert.Equal([4.0], ((MatNumeric)variables["small"]).Doubles!);
    }

    [Fact]
    public void A_file_that_is_not_a_mat_file_fails_saying_so()
    {
        var path = Path.Combine(temp.Path, "bad.mat");
        File.WriteAllBytes(path, new byte[200]);

        var e = Assert.Throws<InvalidDataException>(() => MatFileReader.Read(path));

        Assert.Contains("not a little-endian MATLAB 5 .mat file", e.Message);
    }

    [Fact]
    public void A_truncated_file_fails_saying_so()
    {
        var path = Path.Combine(temp.Path, "cut.mat");
        MatFileWriter.Write(path, [new MatNumeric("x", [1, 100], "double", null, new double[100])], compress: false);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 200)]);

        var e = Assert.Throws<InvalidDataException>(() => MatFileReader.Read(path));

        Assert.Contains("ends inside a data element", e.Message);
    }
}
