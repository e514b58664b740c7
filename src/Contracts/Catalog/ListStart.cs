namespace Platform.Contracts.Catalog;

/// <summary>
/// A list hyperparameter's required first element, with what it stands for: e.g. <c>layers_dims</c> must start with the
/// input size, which the data fixes, so a wrong one is refused before a run starts rather than failing in its first product.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ListStart")]
public sealed record ListStart(
    [property: Id(0)] long Value,
    [property: Id(1)] string Meaning);
