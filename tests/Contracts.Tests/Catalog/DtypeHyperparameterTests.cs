using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Tests.Catalog;

public class DtypeHyperparameterTests
{
    public static TheoryData<string> CourseOneTwoNetworks => new()
    {
        C1W2LogisticRegression.Id, C1W3PlanarData.Id, C1W4DeepNnApplication.Id,
        C2W1Initialization.Id, C2W1Regularization.Id, C2W2Optimization.Id, C2W3SignsMlp.Id,
    };

    [Theory]
    [MemberData(nameof(CourseOneTwoNetworks))]
    public void The_course_one_two_networks_take_float32_and_default_to_float64(string id)
    {
        var descriptor = AssignmentCatalog.Get(id);

        Assert.Same(DtypeHyperparameter.Descriptor, descriptor.FindHyperparameter(DtypeHyperparameter.Name));
        Assert.Equal("float64", HyperparameterBinder.Bind(descriptor, new Dictionary<string, string>()).GetString("dtype"));
        Assert.Equal("float32", HyperparameterBinder.Bind(descriptor, new Dictionary<string, string> { ["dtype"] = "float32" }).GetString("dtype"));
        var error = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(descriptor, new Dictionary<string, string> { ["dtype"] = "float16" }));
        Assert.Equal("params.dtype", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void Gradient_checking_has_no_dtype_and_refuses_one_by_name()
    {
        Assert.Null(C2W1GradientChecking.Descriptor.FindHyperparameter(DtypeHyperparameter.Name));

        var error = Assert.Throws<PlatformValidationException>(() =>
            HyperparameterBinder.Bind(C2W1GradientChecking.Descriptor, new Dictionary<string, string> { ["dtype"] = "float32" }));

        Assert.Equal("params.dtype", Assert.Single(error.Errors).Path);
    }
}
