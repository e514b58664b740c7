using System.Text;

namespace Platform.Silo.Store.Sqlite;

/// <summary>
/// SQLite's LIKE ignores ASCII case, but MLflow's LIKE is case-sensitive; GLOB is case-sensitive, so a LIKE pattern is
/// rewritten as a GLOB pattern: % becomes *, _ becomes ?, and GLOB's own metacharacters are bracketed to stay literal.
/// </summary>
public static class SqliteLikePattern
{
    public static string ToGlob(string likePattern)
    {
        var glob = new StringBuilder(likePattern.Length + 8);
        foreach (var c in likePattern)
        {
            glob.Append(c switch
            {
                '%' => "*",
                '_' => "?",
                '*' => "[*]",
                '?' => "[?]",
                '[' => "[[]",
                _ => c.ToString(),
            });
        }
        return glob.ToString();
    }
}
