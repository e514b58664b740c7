using CsCheck;

namespace Platform.Silo.Tests.Security;

/// <summary>Generators of hostile text for the fuzz tests: grammar fragments, injection payloads, encodings and plain noise.</summary>
internal static class HostileInputs
{
    public static readonly string[] FilterFragments =
    [
        "metrics.", "params.", "tags.", "attributes.", "attribute.", "run.", "dataset.", "`", "'", "\"", "\\", "=", "!=", "<>", "<", "<=", ">", ">=",
        " LIKE ", " ILIKE ", " IN ", " NOT IN ", " IS NULL", "(", ")", ",", " AND ", " and ", " OR ", " ", "\t", "\n", "loss", "acc", "status",
        "run_name", "start_time", "run_id", "1", "-1", "1.5e308", "1e999", "NaN", "-Infinity", "0x10", "'%'", "'_'", "\0", "é", "😀", ";",
        "'; DROP TABLE runs; --", "' OR '1'='1", "\" OR 1=1 --", "/*", "*/", "$1", "@p", "?", ":name", "%s", "{0}", "\u202e",
    ];

    public static readonly string[] PathSegments =
    [
        "..", ".", "a", "b.txt", "link", "%2e%2e", "%252e%252e", "%2f", "%5c..", "..%2f..", "\\..", "C:", "c:\\windows", "\0", "%00", "~", "...",
        "a b", "é", ".upload-x", "", "/", "//", "outside", new string('x', 300), "con", "%", "%%32%65",
    ];

    /// <summary>Concatenations of fragments, sometimes with random characters mixed in.</summary>
    public static Gen<string> Text(string[] fragments, string separator = "") =>
        Gen.Frequency<string>(
            (4, Gen.OneOf(fragments).Array[0, 12].Select(parts => string.Join(separator, parts))),
            (1, Gen.String[Gen.Char, 0, 40]),
            (1, Gen.Select(Gen.OneOf(fragments).Array[0, 6], Gen.String[Gen.Char, 0, 6])
                .Select((parts, noise) => string.Join(separator, parts) + noise)));
}
