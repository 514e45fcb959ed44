using System.Runtime.InteropServices;

namespace MLTabularExtensions.Statistics;

/// <summary>
/// Numbers distinct words 0, 1, 2, … in the order they are added and finds a row's text among them without
/// allocating. Categorical text columns mostly hold tens of words at most; those get a table indexed by a hash of the
/// text's length and six of its characters (the first, the last two, and those at a quarter, half and three quarters
/// of its length), built so that no two words share a slot: finding a word is one slot read and one comparison,
/// whichever word the row holds. Comparing the words one by one mispredicted a branch or two per row when rows came
/// in no particular order (a store's type in a table sorted by date), which cost more than the comparisons. A larger
/// set, or words the hash cannot tell apart, uses a dictionary.
/// </summary>
internal sealed class WordNumbers
{
    private const int MaxSlotted = 64;
    private const int MaxSlotBits = 11;

    // Tried in turn for each table size until every word has a slot of its own (odd, so the product mixes all bits).
    private static readonly uint[] Multipliers = [0x9E3779B1u, 0x85EBCA77u, 0xC2B2AE3Du, 0x27D4EB2Fu, 0x165667B1u, 0xD3A2646Du, 0xFD7046C5u, 0xB55A4F09u];

    private readonly List<string> _words = [];
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    // Null when the dictionary is used instead.
    private SlotTable? _table = SlotTable.Build([]);

    /// <summary>The number of words.</summary>
    public int Count => _words.Count;

    /// <summary>The word numbered <paramref name="number"/>.</summary>
    public string this[int number] => _words[number];

    /// <summary>The number of <paramref name="text"/>, or −1 when it is not one of the words.</summary>
    public int Find(ReadOnlySpan<char> text)
    {
        if (_table is not { } table)
            return _numbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var found) ? found : -1;
        var number = table.Slots[table.Slot(text)];
        return number >= 0 && text.SequenceEqual(CollectionsMarshal.AsSpan(_words)[number]) ? number : -1;
    }

    /// <summary>
    /// <see cref="Find(ReadOnlySpan{char})"/> for a reader that keeps <paramref name="last"/>, the number it found
    /// before (−1 for none): when the words are in the dictionary, a text equal to that word skips its hash, which
    /// a sorted table's repeated words would otherwise pay on every row.
    /// </summary>
    public int Find(ReadOnlySpan<char> text, ref int last)
    {
        if (_table is null && last >= 0 && text.SequenceEqual(_words[last])) return last;
        var number = Find(text);
        if (number >= 0) last = number;
        return number;
    }

    /// <summary>Whether finding a word reads the slot table rather than the dictionary.</summary>
    public bool Slotted => _table is not null;

    /// <summary>Adds a word that is not there yet and returns its number.</summary>
    public int Add(string word)
    {
        _numbers.Add(word, _words.Count);
        _words.Add(word);
        _table = _words.Count <= MaxSlotted ? SlotTable.Build(_words) : null;
        return _words.Count - 1;
    }

    private sealed class SlotTable(int[] slots, uint multiplier, int shift)
    {
        /// <summary>The word number of each slot, −1 for none.</summary>
        public int[] Slots { get; } = slots;

        // Multiplicative hashing: the product's top bits are the slot, so the shift is 32 − the table's bits (≥ 1).
        public int Slot(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty) return 0;
            var n = text.Length;
            var key = (uint)n * 0x9E3779B1u ^ text[0] * 0x85EBCA6Bu ^ text[n / 4] * 0xD3A2646Du ^ text[n / 2] * 0xC2B2AE35u
                ^ text[3 * n / 4] * 0xFD7046C5u ^ text[Math.Max(n - 2, 0)] * 0x165667B1u ^ text[n - 1] * 0x27D4EB2Fu;
            return (int)((key * multiplier) >> shift);
        }

        // The smallest table, from twice as many slots as words up, in which every word has a slot of its own; null
        // when none up to 2^MaxSlotBits slots has (words alike in length and those six characters never separate).
        public static SlotTable? Build(List<string> words)
        {
            for (var bits = 1 + (int)Math.Ceiling(Math.Log2(Math.Max(1, words.Count))); bits <= MaxSlotBits; bits++)
            {
                var slots = new int[1 << bits];
                foreach (var multiplier in Multipliers)
                {
                    Array.Fill(slots, -1);
                    var table = new SlotTable(slots, multiplier, 32 - bits);
                    var placed = 0;
                    while (placed < words.Count && table.Claim(words[placed], placed)) placed++;
                    if (placed == words.Count) return table;
                }
            }
            return null;
        }

        private bool Claim(string word, int number)
        {
            ref var slot = ref Slots[Slot(word)];
            if (slot >= 0) return false;
            slot = number;
            return true;
        }
    }
}
