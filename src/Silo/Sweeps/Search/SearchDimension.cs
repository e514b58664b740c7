using Platform.Contracts.Catalog;

namespace Platform.Silo.Sweeps.Search;

/// <summary>One searched hyperparameter of a sweep.</summary>
public abstract record SearchDimension(string Name, HyperparameterDescriptor Descriptor);
