using Platform.Contracts.Tracking;

namespace Platform.Dashboard.Pages;

internal static class RunNames
{
    /// <summary>The display name: run_name, else the mlflow.runName tag (older servers), else the id.</summary>
    public static string Of(Run run) =>
        !string.IsNullOrWhiteSpace(run.Info.RunName) ? run.Info.RunName
        : run.Data.Tag(PlatformTags.RunName) is { Length: > 0 } tag ? tag
        : run.Info.RunId;
}
