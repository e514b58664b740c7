using Platform.Contracts.Catalog;

namespace Platform.Silo.Sweeps.Search;

/// <summary>
/// A parameter chosen from canonical literals: <c>categorical</c> (with optional probabilities) or <c>constant</c>
/// (one literal).
/// </summary>
public sealed record CategoricalDimension(
    string Name,
    HyperparameterDescriptor Descriptor,
    IReadOnlyList<string> Choices,
    IReadOnlyList<double> Probabilities) : SearchDimension(Name, Descriptor)
{
    public int IndexOf(string canonical)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (Choices[i] == canonical)
            {
                return i;
            }
        }

        return -1;
    }
}
