using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Tests.Statistics;

public sealed class WordNumbersTests
{
    // Words the slot hash cannot tell apart (same length, first, middle and last characters), the empty word,
    // one-character words, words that are prefixes of others, and enough of them to pass the slotted limit.
    private static readonly string[] Pool =
    [
        "a", "b", "0", "", "ab", "aXbYc", "aZbYc", "aQbYc", "Jan,Apr,Jul,Oct", "Feb,May,Aug,Nov", "Mar,Jun,Sept,Dec",
        "public holiday", "Easter", "Christmas", "x", "xx", "xxx", "Nîmes", "Nèmes", "\U0001F600", "c", "d", "e", "f",
        "g", "h", "i", "j", "k", "l",
    ];

    [Test]
    public void FindsEveryWordItsNumberAndNothingElse_AsEachWordIsAdded()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 40; trial++)
        {
            var order = Pool.OrderBy(_ => random.Next()).ToArray();
            var words = new WordNumbers();
            var reference = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in order)
            {
                Assert.That(words.Find(word), Is.EqualTo(-1), $"'{word}' before it was added ({reference.Count} words)");
                reference[word] = words.Add(word);
                Assert.That(reference[word], Is.EqualTo(reference.Count - 1));
                foreach (var probe in Pool.Concat(["aYbYc", "Jan,Apr,Jul,Ocx", "y", "abc"]))
                {
                    // A copy, so that a match is by content and not by reference.
                    var text = new string(probe.AsSpan());
                    Assert.That(words.Find(text), Is.EqualTo(reference.GetValueOrDefault(text, -1)), $"'{probe}' among {reference.Count} words");
                }
            }
            Assert.That(words.Count, Is.EqualTo(Pool.Length));
            Assert.That(Enumerable.Range(0, words.Count).Select(i => words[i]), Is.EqualTo(order));
        }
    }
}
