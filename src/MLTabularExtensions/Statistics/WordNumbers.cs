using System.Runtime.InteropServices;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Numbers distinct words 0, 1, 2, … in the order they are added and finds a row's text among them without
/// allocating. Categorical text columns mostly hold a handful of words; those get a table indexed by a hash of the
/// text's length and first, middle and last characters, built so that no two words share a slot: finding a word is
/// one slot read and one comparison, whichever word the row holds. Comparing the words one by one mispredicted a
/// branch or two per row when rows came in no particular order (a store's type in a table sorted by date), which
/// cost more than the comparisons. A larger set, or a few words the hash cannot tell apart, uses a dictionary.
/// </summary>
internal sealed class WordNumbers
{
    private const int MaxSlotted = 16;
    private const int MaxSlotBits = 8;
    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    // Word number per slot, −1 for none; null when the dictionary is used instead.
    private int[]? _slots = [-1, -1];
    private int _shift = 31;

    /// <summary>The number of words.</summary>
    public int Count => _words.Count;

    /// <summary>The word numbered <paramref name="number"/>.</summary>
    public string this[int number] => _words[number];

    /// <summary>The number of <paramref name="text"/>, or −1 when it is not one of the words.</summary>
    public int Find(ReadOnlySpan<char> text)
    {
        if (_slots is not { } slots)
            return _numbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var found) ? found : -1;
        var number = slots[Slot(text, _shift)];
        return number >= 0 && text.SequenceEqual(CollectionsMarshal.AsSpan(_words)[number]) ? number : -1;
    }

    /// <summary>Adds a word that is not there yet and returns its number.</summary>
    public int Add(string word)
    {
        _numbers.Add(word, _words.Count);
        _words.Add(word);
        (_slots, _shift) = SlotTable(_words);
        return _words.Count - 1;
    }

    // The smallest table, from twice as many slots as words up, in which every word has a slot of its own.
    private static (int[]? Slots, int Shift) SlotTable(List<string> words)
    {
        if (words.Count > MaxSlotted) return (null, 0);
        for (var bits = 1 + (int)Math.Ceiling(Math.Log2(words.Count)); bits <= MaxSlotBits; bits++)
        {
            var slots = new int[1 << bits];
            Array.Fill(slots, -1);
            var shift = 32 - bits;
            var i = 0;
            for (; i < words.Count; i++)
            {
                ref var slot = ref slots[Slot(words[i], shift)];
                if (slot >= 0) break;
                slot = i;
            }
            if (i == words.Count) return (slots, shift);
        }
        return (null, 0);
    }

    // Multiplicative hashing: the product's top bits are the slot, so the shift is 32 − the table's bits (≥ 1).
    private static int Slot(ReadOnlySpan<char> text, int shift)
    {
        var key = text.IsEmpty ? 0u
            : (uint)text.Length * 0x9E3779B1u ^ text[0] * 0x85EBCA6Bu ^ text[text.Length / 2] * 0xC2B2AE35u ^ text[^1] * 0x27D4EB2Fu;
        return (int)((key * 0x9E3779B1u) >> shift);
    }
}
