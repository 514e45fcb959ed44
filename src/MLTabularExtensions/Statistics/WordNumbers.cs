using System.Runtime.InteropServices;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Numbers distinct words 0, 1, 2, … in the order they are added and finds a row's text among them without
/// allocating. Categorical text columns mostly hold a handful of words, which are compared one by one (length and
/// first character first); that is cheaper than hashing the text, which a larger set falls back to.
/// </summary>
internal sealed class WordNumbers
{
    private const int MaxCompared = 8;
    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    /// <summary>The number of words.</summary>
    public int Count => _words.Count;

    /// <summary>The word numbered <paramref name="number"/>.</summary>
    public string this[int number] => _words[number];

    /// <summary>The number of <paramref name="text"/>, or −1 when it is not one of the words.</summary>
    public int Find(ReadOnlySpan<char> text)
    {
        var words = CollectionsMarshal.AsSpan(_words);
        if (words.Length > MaxCompared)
            return _numbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var number) ? number : -1;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (word.Length == text.Length && (word.Length == 0 || word[0] == text[0]) && text.SequenceEqual(word)) return i;
        }
        return -1;
    }

    /// <summary>Adds a word that is not there yet and returns its number.</summary>
    public int Add(string word)
    {
        _numbers.Add(word, _words.Count);
        _words.Add(word);
        return _words.Count - 1;
    }
}
