using Microsoft.AspNetCore.Components;
using Platform.Contracts.Tracking;
using Platform.Dashboard.Components;

namespace Platform.Dashboard.Compare;

public partial class CompareBody
{
    [Parameter, EditorRequired]
    public IReadOnlyList<Run> Runs { get; set; } = [];

    /// <summary>Per metric key, one series per run in <see cref="Runs"/> order (so colours match the legend).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<(string Key, IReadOnlyList<ChartSeries> Series)> Charts { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<CompareRow> Rows { get; set; } = [];

    private bool DifferencesOnly { get; set; }

    private IReadOnlyList<CompareRow> Shown => CompareTable.Filter(Rows, DifferencesOnly);
}
