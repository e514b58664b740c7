using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Assignments.C2W1Initialization;
using Platform.Workers.Assignments.C2W1Regularization;
using Platform.Workers.Assignments.C2W2Optimization;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;

namespace Platform.Bench.CoursesOneTwo;

/// <summary>
/// One Course 1-2 main run as the numpy reference in ../shared/bench times it: <see cref="Load"/> reads or generates the data
/// (not timed), the returned action trains and predicts (timed), through the jobs' own execution paths. <see cref="NumpyScript"/>
/// and <see cref="NumpyCall"/> name the reference's script and the Python expression that runs the same algorithm.
/// </summary>
public sealed record MainRun(
    string Key, string Name, string NumpyScript, string NumpyCall, Func<DataDirectory, Dtype, Action> Load)
{
    public static IReadOnlyList<MainRun> All { get; } =
    [
        new("c1w2", "c1w2-logistic-regression, 2000 it", C1, "lr_run", LogisticRegressionRun),
        new("c1w3", "c1w3-planar-data, n_h 4, 10000 it", C2, "planar", PlanarRun),
        new("c1w4-two", "c1w4-deep-nn-application two-layer [12288, 7, 1], 2500 it", C1, "lambda: llayer([12288,7,1])",
            (data, dtype) => CatRun(data, dtype, twoLayer: true)),
        new("c1w4-l", "c1w4-deep-nn-application L-layer [12288, 20, 7, 5, 1], 2500 it", C1, "lambda: llayer([12288,20,7,5,1])",
            (data, dtype) => CatRun(data, dtype, twoLayer: false)),
        new("c2w1-init", "c2w1-initialization he, 15000 it", C2, "init_he", (_, dtype) =>
        {
            var (x, y) = C2W1InitializationJob.TrainSet();
            return () => BinaryClassifier.Predict(
                FullBatchTraining.Train(Initializers.He(C2W1InitializationJob.LayersDims), x, y, new FullBatchOptions(15000, 0.01, Dtype: dtype)), x, dtype);
        }),
        new("c2w1-reg", "c2w1-regularization none, 30000 it", C2, "reg_none", (data, dtype) =>
        {
            var (x, y) = LabelledPointsCsv.Read(data.File(C2W1RegularizationJob.TrainFile));
            var (testX, _) = LabelledPointsCsv.Read(data.File(C2W1RegularizationJob.TestFile));
            return () => BinaryClassifier.Predict(FullBatchTraining.Train(
                C2W1RegularizationJob.InitializeParameters(C2W1RegularizationJob.LayersDims), x, y, C2W1RegularizationJob.Options(30000, 0.3, 0, 1, dtype)), testX, dtype);
        }),
        new("c2w2-adam", "c2w2-optimization adam, 10000 epochs", C2, "opt_adam", (_, dtype) =>
        {
            var (x, y) = C2W2OptimizationJob.TrainSet();
            return () => BinaryClassifier.Predict(OptimizationModel.Train(x, y, [2, 5, 2, 1], new OptimizationOptions(Dtype: dtype)), x, dtype);
        }),
    ];

    private const string C1 = "numpy_reference_c1.py";
    private const string C2 = "numpy_reference_c2.py";

    private static Action LogisticRegressionRun(DataDirectory data, Dtype dtype)
    {
        var (train, test) = Cats(data);
        return () =>
        {
            using var scope = torch.NewDisposeScope();
            var type = dtype.ScalarType();
            var (w, b) = LogisticRegression.InitializeWithZeros(train.FeaturesPerImage);
            var result = C1W2LogisticRegressionJob.Optimize(
                w.to_type(type), b, ImageTensors.Columns(train).to_type(type), ImageTensors.LabelRow(train).to_type(type), 2000, 0.005, null, default);
            LogisticRegression.Predict(result.W, result.B, ImageTensors.Columns(test).to_type(type));
        };
    }

    private static Action PlanarRun(DataDirectory data, Dtype dtype)
    {
        var (x, y) = PlanarFlower.Generate();
        return () => PlanarNetwork.Predict(PlanarNetwork.NnModel(x, y, 4, 10000, 1.2, dtype: dtype), x);
    }

    private static Action CatRun(DataDirectory data, Dtype dtype, bool twoLayer)
    {
        var (train, test) = Cats(data);
        return () =>
        {
            using var scope = torch.NewDisposeScope();
            var type = dtype.ScalarType();
            var parameters = CatClassifier.ToDtype(
                twoLayer ? CatClassifier.InitializeTwoLayer([12288, 7, 1]) : CatClassifier.InitializeLLayer([12288, 20, 7, 5, 1]), type);
            C1W4DeepNnApplicationJob.Train(
                parameters, ImageTensors.Columns(train).to_type(type), ImageTensors.LabelRow(train).to_type(type), 0.0075, 2500, null, default);
            CatClassifier.Accuracy(parameters, ImageTensors.Columns(test).to_type(type), ImageTensors.LabelRow(test).to_type(type));
        };
    }

    private static (Hdf5ImageDataset Train, Hdf5ImageDataset Test) Cats(DataDirectory data)
    {
        TorchRuntime.EnsureInitialized();
        return (Hdf5ImageDataset.Read(data.File(C1W2LogisticRegressionJob.TrainFile), "train_set_x", "train_set_y"),
            Hdf5ImageDataset.Read(data.File(C1W2LogisticRegressionJob.TestFile), "test_set_x", "test_set_y"));
    }
}
