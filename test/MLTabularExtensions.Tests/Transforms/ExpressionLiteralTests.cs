using System.Globalization;
using Microsoft.ML.Data;
using MLTabularExtensions.Wrapping;

namespace MLTabularExtensions.Tests.Transforms;

/// <summary>Learned constants go into ML.NET expressions exactly, and without a decimal point, which a comma culture cannot lex.</summary>
public sealed class ExpressionLiteralTests
{
    [TestCase(1.5, false, "15e-1")]
    [TestCase(-1.25e-5, true, "-125e-7d")]
    [TestCase(3.0, false, "3e0")]
    [TestCase(0.0, true, "0e0d")]
    [TestCase(1e20, true, "1e20d")]
    [TestCase(0.1, false, "1e-1")]
    public void Literals_AreWholeDigitsAndAPowerOfTen(double value, bool isDouble, string expected) =>
        Assert.That(ExpressionLiteral.For(value, isDouble ? NumberDataViewType.Double : NumberDataViewType.Single), Is.EqualTo(expected));

    [Test]
    public void EveryLiteral_ReadsBackAsTheSameNumber_InEveryCulture()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 2000).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 40))).ToArray();
        var german = CultureInfo.GetCultureInfo("de-DE");
        foreach (var value in values)
        {
            var wide = ExpressionLiteral.For(value, NumberDataViewType.Double).TrimEnd('d');
            Assert.That(wide, Does.Not.Contain('.'));
            // As ML.NET's lexer reads a literal (the sign is a separate token there).
            Assert.That(double.Parse(wide, NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, german), Is.EqualTo(value), wide);
            if (!float.IsFinite((float)value))
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => ExpressionLiteral.For(value, NumberDataViewType.Single));
                continue;
            }
            var narrow = ExpressionLiteral.For(value, NumberDataViewType.Single);
            Assert.That((float)double.Parse(narrow, NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent, german), Is.EqualTo((float)value), narrow);
        }
    }
}
