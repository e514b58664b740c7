namespace Platform.Contracts.Catalog;

/// <summary>The value types a hyperparameter can take. Values cross process boundaries as canonical strings.</summary>
public enum HyperparameterType
{
    Float,
    Int,
    Bool,
    String,
    IntList,
    FloatList,
}
