using Platform.Workers.Data;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Data;

public sealed class Hdf5ImageDatasetTests
{
    [Fact]
    public void The_cat_training_set_reads_as_the_notebook_reports_it()
    {
        var set = Hdf5ImageDataset.Read(TestData.DataDirectory.File("catvnoncat/train_catvnoncat.h5"), "train_set_x", "train_set_y");

        Assert.Equal([209, 64, 64, 3], set.ImageDimensions);
        Assert.Equal(12288, set.FeaturesPerImage);
        Assert.Equal([17, 31, 56, 22, 33], set.Pixels.Take(5).Select(p => (int)p));
        Assert.Equal(1, set.Labels[25]);
        Assert.Equal(72, set.Labels.Count(l => l == 1));
        Assert.Equal(["non-cat", "cat"], set.Classes);
    }

    [Fact]
    public void Flattening_puts_each_image_in_a_column_in_HWC_order_divided_by_255()
    {
        var set = Hdf5ImageDataset.Read(TestData.DataDirectory.File("catvnoncat/test_catvnoncat.h5"), "test_set_x", "test_set_y");
        var m = set.Count;

        var x = set.FlattenToColumns();

        Assert.Equal(50, m);
        Assert.Equal(12288 * 50, x.Length);
        // Column 0's first five rows are image 0's first pixels; column 7's row f is image 7's value f (f = (h·64 + w)·3 + c).
        for (var f = 0; f < 5; f++)
        {
            Assert.Equal(set.Pixels[f] / 255.0, x[f * m]);
        }

        var feature = (10 * 64 + 20) * 3 + 2;
        Assert.Equal(set.Pixels[7 * 12288 + feature] / 255.0, x[feature * m + 7]);
    }

    [Fact]
    public void Scaled_image_rows_hold_the_same_values_as_the_columns_transposed()
    {
        var set = Hdf5ImageDataset.Read(TestData.DataDirectory.File("catvnoncat/test_catvnoncat.h5"), "test_set_x", "test_set_y");
        var columns = set.FlattenToColumns();
        var rows = set.ScaledImageRows();

        for (var i = 0; i < set.Count; i++)
        {
            for (var f = 0; f < set.FeaturesPerImage; f += 97)
            {
                Assert.Equal(columns[f * set.Count + i], rows[i * set.FeaturesPerImage + f]);
            }
        }
    }

    [Fact]
    public void A_missing_data_file_names_the_file_and_the_directory()
    {
        var empty = Directory.CreateTempSubdirectory("no-data-");
        try
        {
            var error = Assert.Throws<DataFileNotFoundException>(() => new DataDirectory(empty.FullName).File("catvnoncat/train_catvnoncat.h5"));
            Assert.Contains("catvnoncat/train_catvnoncat.h5", error.Message);
            Assert.Contains(empty.FullName, error.Message);
        }
        finally
        {
            empty.Delete();
        }
    }
}
