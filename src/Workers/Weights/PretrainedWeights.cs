using Platform.Workers.Data;

namespace Platform.Workers.Weights;

/// <summary>
/// Where a job finds user-supplied pretrained weights (spec §0.7: the course's weight files are not distributed): an absolute
/// path as given, else a path in the data directory.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>The run tag that says a job ran on random weights instead of pretrained ones.</summary>
    public const string RandomInitTag = "platform.weights";

    public const string RandomInitValue = "random-init";

    public static string? Find(DataDirectory data, string weightsFile)
    {
        var full = Path.IsPathRooted(weightsFile) ? weightsFile : Path.GetFullPath(Path.Combine(data.Root, weightsFile));
        return File.Exists(full) ? full : null;
    }

    /// <summary>The spec's "weights not found" failure, naming the file, where it was looked for and how to go on.</summary>
    public static DataFileNotFoundException NotFound(DataDirectory data, string weightsFile, string what, string hyperparameter, string? alternative) =>
        new($"weights not found: {what} '{weightsFile}' {(Path.IsPathRooted(weightsFile) ? "does not exist" : $"is not in data directory '{data.Root}'")} "
            + $"(the course's pretrained weights are not distributed; set {hyperparameter} to your copy{(alternative is null ? "" : ", or " + alternative)})");
}
