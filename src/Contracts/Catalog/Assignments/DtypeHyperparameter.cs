namespace Platform.Contracts.Catalog.Assignments;

/// <summary>
/// The <c>dtype</c> hyperparameter of the Course 1-2 assignments: float64 by default, as the numpy notebooks compute and as
/// their EXACT numbers need (issue 3 asks it of c2w3's TensorFlow network too); float32 as an option.
/// </summary>
public static class DtypeHyperparameter
{
    public const string Name = "dtype";
    public const string Float64 = "float64";
    public const string Float32 = "float32";

    public static HyperparameterDescriptor Descriptor { get; } = new(
        Name, HyperparameterType.String, Float64,
        "float64 (the notebook's numbers) or float32 (less memory traffic; numbers within float32 rounding of the float64 run's)",
        Choices: [Float64, Float32]);
}
