using System.Text.Json;
using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Tracking;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Tests.Catalog;

/// <summary><see cref="HyperparameterDescriptor.MustStartWith"/>: a list's first element fixed by the data, e.g. layers_dims.</summary>
public class ListStartTests
{
    [Fact]
    public void Layers_dims_that_do_not_start_at_the_input_size_are_refused_naming_the_parameter()
    {
        var error = Assert.Throws<PlatformValidationException>(() => HyperparameterBinder.Bind(C1W4DeepNnApplication.Descriptor,
            new Dictionary<string, string> { ["layers_dims"] = "[100, 20, 1]" }));

        Assert.Equal(new ValidationError("params.layers_dims", "must start with the input size 12288, got 100"), Assert.Single(error.Errors));
        Assert.Equal("params.layers_dims: must start with the input size 12288, got 100", error.Errors[0].ToString());
    }

    [Theory]
    [InlineData("[12288, 7, 1]", "[12288, 7, 1]")]
    [InlineData("[1.2288e4, 20, 7, 5, 1]", "[12288, 20, 7, 5, 1]")]
    public void Layers_dims_starting_at_the_input_size_bind(string text, string canonical)
    {
        var values = HyperparameterBinder.Bind(C1W4DeepNnApplication.Descriptor, new Dictionary<string, string> { ["layers_dims"] = text });

        Assert.Equal(canonical, values.GetString("layers_dims"));
    }

    [Fact]
    public void Every_default_satisfies_its_own_constraints()
    {
        foreach (var assignment in AssignmentCatalog.All)
        {
            foreach (var h in assignment.Hyperparameters)
            {
                Assert.True(HyperparameterBinder.TryCanonicalize(h, h.Default, out var canonical, out var error), $"{assignment.Id}.{h.Name}: {error}");
                Assert.Equal(h.Default, canonical);
            }
        }
    }

    [Fact]
    public void A_float_list_compares_its_first_element_by_value()
    {
        var sizes = new HyperparameterDescriptor("sizes", HyperparameterType.FloatList, "[2.0, 1.0]", "sizes", MustStartWith: new ListStart(2, "input size"));

        Assert.True(HyperparameterBinder.TryCanonicalize(sizes, "[2, 0.5]", out _, out _));
        Assert.False(HyperparameterBinder.TryCanonicalize(sizes, "[2.5, 1]", out _, out var error));
        Assert.Equal("must start with the input size 2, got 2.5", error);
    }

    [Fact]
    public void A_sweep_over_layers_dims_refuses_a_list_with_the_wrong_start()
    {
        const string yaml = """
            assignment: c1w4-deep-nn-application
            method: grid
            parameters:
              layers_dims:
                values: [[12288, 7, 1], [64, 7, 1]]
            """;

        var error = Assert.Throws<PlatformValidationException>(() => SweepPlanner.Plan(yaml));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("parameters.layers_dims.values[1]", problem.Path);
        Assert.Equal("must start with the input size 12288, got 64", problem.Message);
    }

    [Fact]
    public void The_constraint_survives_a_json_round_trip_as_the_catalog_api_sends_it()
    {
        var json = JsonSerializer.Serialize(C1W4DeepNnApplication.Descriptor, TrackingJson.Options);

        var back = JsonSerializer.Deserialize<AssignmentDescriptor>(json, TrackingJson.Options)!;

        using var document = JsonDocument.Parse(json);
        var layers = document.RootElement.GetProperty("hyperparameters").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "layers_dims");
        Assert.Equal(12288, layers.GetProperty("must_start_with").GetProperty("value").GetInt64());
        Assert.Equal("input size", layers.GetProperty("must_start_with").GetProperty("meaning").GetString());
        Assert.Equal(new ListStart(12288, "input size"), back.FindHyperparameter("layers_dims")!.MustStartWith);
        Assert.Null(back.FindHyperparameter("learning_rate")!.MustStartWith);
    }
}
