using Microsoft.AspNetCore.Components;
using Platform.Contracts.Validation;

namespace Platform.Dashboard.Submit;

public partial class YamlEditor
{
    [Parameter, EditorRequired]
    public string Value { get; set; } = "";

    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    /// <summary>The server's errors for <see cref="Value"/>; those without a line (or past the end) are shown on the first.</summary>
    [Parameter]
    public IReadOnlyList<ValidationError> Errors { get; set; } = [];

    /// <summary>One more than the text has, so there is always an empty line to type on.</summary>
    private int LineCount { get; set; } = 1;

    private IReadOnlyDictionary<int, ValidationError[]> ByLine { get; set; } = new Dictionary<int, ValidationError[]>();

    protected override void OnParametersSet()
    {
        var lines = Value.Replace("\r\n", "\n").Split('\n').Length;
        LineCount = Math.Max(lines, 1) + (Value.EndsWith('\n') ? 0 : 1);
        ByLine = ErrorLines.Place(Errors, LineCount);
    }

    private Task OnInput(ChangeEventArgs e) => ValueChanged.InvokeAsync(e.Value?.ToString() ?? "");
}
