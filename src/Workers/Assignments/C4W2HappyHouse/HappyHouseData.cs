using Platform.Workers.Data;

namespace Platform.Workers.Assignments.C4W2HappyHouse;

/// <summary>
/// The Happy House data (spec §13). train_happy.h5 is missing here, so the substitute protocol splits test_happy.h5
/// deterministically: examples 0–119 train, 120–149 validate, and no test set is left. If train_happy.h5 is ever supplied
/// (same layout), the notebook's protocol applies: train on it, validate and test on test_happy.h5.
/// </summary>
public sealed record HappyHouseData(Split Train, Split Validation, bool HasTestSet, string Protocol)
{
    public const string TrainFile = "happy_house/train_happy.h5";
    public const string TestFile = "happy_house/test_happy.h5";
    public const int SubstituteTrainCount = 120;

    public const string NotebookProtocol = "notebook: train on train_happy.h5, validate and test on test_happy.h5";
    public const string SubstituteProtocol =
        "substitute (train_happy.h5 missing): a split of test_happy.h5, examples 0-119 train, 120-149 validation; no test set";

    public static HappyHouseData Read(DataDirectory data)
    {
        var test = Hdf5ImageDataset.Read(data.File(TestFile), "test_set_x", "test_set_y");
        if (File.Exists(Path.Combine(data.Root, TrainFile)))
        {
            var train = Hdf5ImageDataset.Read(data.File(TrainFile), "train_set_x", "train_set_y");
            return new HappyHouseData(Split.Of(train, 0, train.Count), Split.Of(test, 0, test.Count), HasTestSet: true, NotebookProtocol);
        }

        if (test.Count <= SubstituteTrainCount)
        {
            throw new InvalidDataException($"{TestFile} has {test.Count} examples; the substitute split needs more than {SubstituteTrainCount}");
        }

        return new HappyHouseData(
            Split.Of(test, 0, SubstituteTrainCount),
            Split.Of(test, SubstituteTrainCount, test.Count - SubstituteTrainCount),
            HasTestSet: false,
            SubstituteProtocol);
    }
}

/// <summary>Examples [start, start + count) of an image set: NHWC bytes and labels.</summary>
public sealed record Split(byte[] Pixels, long[] Labels, int Height, int Width)
{
    public int Count => Labels.Length;

    public static Split Of(Hdf5ImageDataset set, int start, int count)
    {
        var features = set.FeaturesPerImage;
        return new Split(
            set.Pixels.AsSpan(start * features, count * features).ToArray(),
            set.Labels.AsSpan(start, count).ToArray(),
            set.ImageDimensions[1],
            set.ImageDimensions[2]);
    }
}
