namespace Platform.Contracts.Tracking;

// MLflow 2.x dataset inputs (runs/log-inputs), shaped as MLflow serialises them.

/// <summary>A dataset reference. <see cref="Schema"/> and <see cref="Profile"/> are opaque JSON strings, stored as given.</summary>
public sealed record Dataset(string Name, string Digest, string SourceType, string Source, string? Schema = null, string? Profile = null);

public sealed record InputTag(string Key, string Value);

public sealed record DatasetInput(IReadOnlyList<InputTag>? Tags, Dataset Dataset);

public sealed record RunInputs(IReadOnlyList<DatasetInput> DatasetInputs);
