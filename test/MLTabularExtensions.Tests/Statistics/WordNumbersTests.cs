using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Tests.Statistics;

public sealed class WordNumbersTests
{
    // Words the slot hash cannot tell apart (same length and same characters where it looks), the empty word,
    // one-character words, words that are prefixes of others, and enough of them to pass the slotted limit of 64.
    private static readonly string[] Pool =
    [
        "a", "b", "0", "", "ab", "aXbbccdd", "aZbbccdd", "aQbbccdd", "Jan,Apr,Jul,Oct", "Feb,May,Aug,Nov", "Mar,Jun,Sept,Dec",
        "public holiday", "Easter", "Christmas", "x", "xx", "xxx", "Nîmes", "Nèmes", "\U0001F600",
        .. Enumerable.Range(0, 60).Select(i => $"Store {i}"),
    ];

    private static readonly string[] Probes = [.. Pool, "aYbbccdd", "Jan,Apr,Jul,Ocx", "y", "abc", "Store 60", "Store 1 "];

    [Test]
    public void FindsEveryWordItsNumberAndNothingElse_AsEachWordIsAdded()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var order = Pool.OrderBy(_ => random.Next()).ToArray();
            var words = new WordNumbers();
            var reference = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in order)
            {
                Assert.That(words.Find(word), Is.EqualTo(-1), $"'{word}' before it was added ({reference.Count} words)");
                reference[word] = words.Add(word);
                Assert.That(reference[word], Is.EqualTo(reference.Count - 1));
                // Each probe twice in a row, so that the reader's last word is both the same and a different one.
                var last = -1;
                foreach (var probe in Probes.SelectMany(p => new[] { p, p }))
                {
                    // A copy, so that a match is by content and not by reference.
                    var text = new string(probe.AsSpan());
                    var expected = reference.GetValueOrDefault(text, -1);
                    Assert.That(words.Find(text), Is.EqualTo(expected), $"'{probe}' among {reference.Count} words");
                    var lastBefore = last;
                    Assert.That(words.Find(text, ref last), Is.EqualTo(expected), $"'{probe}' among {reference.Count} words, the last found {lastBefore}");
                    Assert.That(last, Is.EqualTo(expected >= 0 ? expected : lastBefore));
                }
            }
            Assert.That(words.Count, Is.EqualTo(Pool.Length));
            Assert.That(Enumerable.Range(0, words.Count).Select(i => words[i]), Is.EqualTo(order));
        }
    }

    [Test]
    public void TensOfWordsGetASlotTable_UpToItsLimit()
    {
        // UCI Adult's native-country column: 41 words.
        string[] countries =
        [
            "United-States", "Cambodia", "England", "Puerto-Rico", "Canada", "Germany", "Outlying-US(Guam-USVI-etc)", "India",
            "Japan", "Greece", "South", "China", "Cuba", "Iran", "Honduras", "Philippines", "Italy", "Poland", "Jamaica",
            "Vietnam", "Mexico", "Portugal", "Ireland", "France", "Dominican-Republic", "Laos", "Ecuador", "Taiwan", "Haiti",
            "Columbia", "Hungary", "Guatemala", "Nicaragua", "Scotland", "Thailand", "Yugoslavia", "El-Salvador",
            "Trinadad&Tobago", "Peru", "Hong", "Holand-Netherlands",
        ];
        // Rossmann's weather events (21 words, many alike in length and first and last characters).
        string[] events =
        [
            "Fog", "Fog-Rain", "Fog-Rain-Hail", "Fog-Rain-Hail-Thunderstorm", "Fog-Rain-Snow", "Fog-Rain-Snow-Hail",
            "Fog-Rain-Thunderstorm", "Fog-Snow", "Fog-Snow-Hail", "Fog-Thunderstorm", "Rain", "Rain-Hail",
            "Rain-Hail-Thunderstorm", "Rain-Snow", "Rain-Snow-Hail", "Rain-Snow-Hail-Thunderstorm", "Rain-Snow-Thunderstorm",
            "Rain-Thunderstorm", "Snow", "Snow-Hail", "Thunderstorm",
        ];
        foreach (var (name, set) in new[] { ("41 countries", countries), ("21 weather events", events) })
        {
            var words = new WordNumbers();
            foreach (var word in set) words.Add(word);
            Assert.That(words.Slotted, Is.True, name);
        }

        var stores = new WordNumbers();
        for (var i = 0; i < 64; i++)
        {
            stores.Add($"Store {i}");
            Assert.That(stores.Slotted, Is.True, $"{i + 1} numbered stores");
        }
        stores.Add("Store 64");
        Assert.That(stores.Slotted, Is.False, "65 words use the dictionary");
        Assert.That(stores.Find("Store 64"), Is.EqualTo(64));
    }

    [Test]
    public void WordsTheHashCannotSeparate_UseTheDictionary()
    {
        var words = new WordNumbers();
        // Characters 1, 3 and 5 of 8 are not in the hash.
        words.Add("aXbbccdd");
        Assert.That(words.Slotted, Is.True);
        words.Add("aZbbccdd");
        Assert.That(words.Slotted, Is.False);
        Assert.That((words.Find("aXbbccdd"), words.Find("aZbbccdd"), words.Find("aQbbccdd")), Is.EqualTo((0, 1, -1)));
    }
}
