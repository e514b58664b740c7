using Platform.Workers.Data;

namespace Platform.Workers.Assignments.C5W1DinosaurNames;

/// <summary>
/// dinosaur_island/dinos.txt as the notebook reads it (spec §18): the lower-cased text's sorted distinct characters are the
/// vocabulary ('\n' = 0, 'a'–'z' = 1–26), and the examples are its lines, lower-cased and stripped.
/// </summary>
public sealed class DinosaurCorpus
{
    public const string DataFile = "dinosaur_island/dinos.txt";
    public const char Newline = '\n';

    private readonly char[] _characters;

    public DinosaurCorpus(string text)
    {
        var lower = text.ToLowerInvariant();
        _characters = lower.Distinct().Order().ToArray();
        // f.readlines(): a final newline ends the last line rather than starting an empty one.
        Examples = lower.TrimEnd(Newline).Split(Newline).Select(line => line.Trim()).ToArray();
        if (Array.BinarySearch(_characters, Newline) < 0)
        {
            throw new InvalidDataException("the names file has a single line: expected one name per line");
        }
    }

    public IReadOnlyList<string> Examples { get; }

    public int VocabSize => _characters.Length;

    public int NewlineIndex => Index(Newline);

    public static DinosaurCorpus Load(DataDirectory data) => new(File.ReadAllText(data.File(DataFile)));

    /// <summary>char_to_ix.</summary>
    public int Index(char c)
    {
        var index = Array.BinarySearch(_characters, c);
        return index >= 0 ? index : throw new ArgumentException($"'{c}' is not in the vocabulary", nameof(c));
    }

    /// <summary>
    /// The notebook's training pair for one name: X = [None] + its indices (None = -1 here, the all-zero input) and
    /// Y = X[1:] + [index of '\n'].
    /// </summary>
    public (int[] X, int[] Y) TrainingPair(string example)
    {
        var indices = example.Select(Index).ToArray();
        return ([CharacterRnn.NoInput, .. indices], [.. indices, NewlineIndex]);
    }

    /// <summary>A sampled name as the notebook prints it: its characters up to the newline, the first one upper-cased.</summary>
    public string Name(IEnumerable<int> indices)
    {
        var text = string.Concat(indices.Select(i => _characters[i]).TakeWhile(c => c != Newline));
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
