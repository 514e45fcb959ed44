using MLTabularExtensions.Statistics;

namespace MLTabularExtensions.Tests.Statistics;

public sealed class CodePointComparerTests
{
    [Test]
    public void OrdersAsPythonsSorted_AgainstARuneByRuneReference()
    {
        // Prefixes, BMP characters around the surrogate range, characters above U+FFFF, empty and repeated strings.
        string[] pieces = ["", "a", "b", "ab", "\uD7FF", "\uE000", "\uFFFD", "\U0001F600", "\U00010000", "z\U0001F600", "z\uFFFF"];
        var random = new Random(3);
        var words = Enumerable.Range(0, 400).Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => pieces[random.Next(pieces.Length)]))).ToArray();

        foreach (var x in words)
        {
            foreach (var y in words.Take(60))
                Assert.That(Math.Sign(CodePointComparer.Instance.Compare(x, y)), Is.EqualTo(Math.Sign(Reference(x, y))), $"'{x}' vs '{y}'");
        }
    }

    private static int Reference(string x, string y)
    {
        var left = x.EnumerateRunes().Select(r => r.Value).ToArray();
        var right = y.EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i]) return left[i].CompareTo(right[i]);
        }
        return left.Length.CompareTo(right.Length);
    }
}
