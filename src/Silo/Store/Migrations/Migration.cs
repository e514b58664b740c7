namespace Platform.Silo.Store.Migrations;

/// <summary>One schema step. Versions are applied in ascending order and never edited once released: add a new one instead.</summary>
public sealed record Migration(int Version, string Name, string Sql);
