using System.IO.Compression;
using System.Text;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Tests.Data;

/// <summary>Real-world CSV files load as pandas and Excel load them; bad fields are named, never read as NaN.</summary>
public sealed class CsvDataTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"csv-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text, bool bom = false, bool gzip = false)
    {
        var path = Path.Combine(_folder, name);
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        if (gzip)
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        else
        {
            File.WriteAllBytes(path, bytes);
        }
        return path;
    }

    private static readonly CsvColumn[] Columns =
    [
        new("Name", TextDataViewType.Instance),
        new("Price", NumberDataViewType.Single),
        new("Day", DateTimeDataViewType.Instance),
    ];

    [Test]
    public void Bom_Crlf_QuotedCommasAndQuotes_AndGzip_ReadAsPandasReadsThem()
    {
        const string text = "Name,Price,Day\r\n\"Smith, John\",1.5,2015-07-31\r\n\"say \"\"hi\"\"\",NA,2015-08-01\r\nplain,,2015-08-02\r\n";
        foreach (var path in new[] { Write("a.csv", text, bom: true), Write("b.csv.gz", text, bom: true, gzip: true), Write("c.dat", text, gzip: true) })
        {
            var data = CsvData.Read(path, Columns);

            Assert.That(data.GetColumn<ReadOnlyMemory<char>>("Name").Select(v => v.ToString()), Is.EqualTo(new[] { "Smith, John", "say \"hi\"", "plain" }), path);
            Assert.That(data.GetColumn<float>("Price").ToArray(), Is.EqualTo(new[] { 1.5f, float.NaN, float.NaN }), path);
            Assert.That(data.GetColumn<DateTime>("Day").Last(), Is.EqualTo(new DateTime(2015, 8, 2)), path);
        }
        Assert.That(CsvData.ReadHeader(Path.Combine(_folder, "a.csv")), Is.EqualTo(new[] { "Name", "Price", "Day" }), "the BOM is not part of the first name");
    }

    [Test]
    public void AWordInANumberColumn_IsAnErrorNamingFileLineColumnAndValue()
    {
        var path = Write("bad.csv", "Name,Price,Day\na,1,2015-01-01\n\"b,\nc\",2,2015-01-02\nd,abc,2015-01-03\n");

        var error = Assert.Throws<CsvDataException>(() => CsvData.Read(path, Columns));

        // The quoted field spans lines 3–4, so the bad row starts on line 5.
        Assert.That(error!.Message, Is.EqualTo($"'{path}', line 5, column 'Price': 'abc' is not a number"));
        Assert.That((error.Line, error.Column, error.Value), Is.EqualTo(((int?)5, "Price", "abc")));
    }

    [TestCase("Day", "2015-13-45", "is not a date")]
    [TestCase("Price", "inf", "is infinite")]
    public void BadDatesAndInfinities_AreErrors(string column, string value, string problem)
    {
        var fields = new Dictionary<string, string> { ["Name"] = "a", ["Price"] = "1", ["Day"] = "2015-01-01" };
        fields[column] = value;
        var path = Write("bad.csv", $"Name,Price,Day\nz,2,2015-01-02\n{fields["Name"]},{fields["Price"]},{fields["Day"]}\n");

        var error = Assert.Throws<CsvDataException>(() => CsvData.Read(path, Columns));

        Assert.That(error!.Message, Does.StartWith($"'{path}', line 3, column '{column}': '{value}' {problem}"));
    }

    [Test]
    public void ATextBooleanAndAShortRowAndAMissingColumn_AreNamed()
    {
        var label = Write("label.csv", "Busy\ntrue\nyes\n");
        var shortRow = Write("short.csv", "Name,Price,Day\na,1\n");
        var noDay = Write("noday.csv", "Name,Price\na,1\n");

        var boolean = Assert.Throws<CsvDataException>(() => CsvData.Read(label, [new("Busy", BooleanDataViewType.Instance)]));
        var fields = Assert.Throws<CsvDataException>(() => CsvData.Read(shortRow, Columns));
        var column = Assert.Throws<CsvDataException>(() => CsvData.Read(noDay, Columns));

        Assert.That(boolean!.Message, Does.Contain("line 3, column 'Busy': 'yes' is not a Boolean"));
        Assert.That(fields!.Message, Does.Contain("line 2: has 2 field(s); the header has 3"));
        Assert.That(column!.Message, Does.Contain("column 'Day': is not in the header").And.Contain("the header has Name, Price"));
    }

    [Test]
    public void EmptyLines_AreSkipped_AndLaterLinesKeepTheirNumbers()
    {
        var path = Write("gaps.csv", "\r\nName,Price,Day\r\na,1,2015-01-01\r\n\r\nb,2,2015-01-02\r\n\r\n\r\n");
        var bad = Write("gapbad.csv", "Name,Price,Day\na,1,2015-01-01\n\n\nb,x,2015-01-02\n\n");

        var data = CsvData.Read(path, Columns);
        var error = Assert.Throws<CsvDataException>(() => CsvData.Read(bad, Columns));

        Assert.That(data.GetColumn<float>("Price").ToArray(), Is.EqualTo(new[] { 1f, 2f }));
        Assert.That(CsvData.ReadFields(path).Select(f => f[0]), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(error!.Line, Is.EqualTo(5));
    }

    [Test]
    public void AWindows1252File_KeepsItsAccentedCategoriesApart()
    {
        // Excel's "CSV (Comma delimited)" on Western Windows: î is byte 0xEE, è 0xE8, € 0x80; none is valid UTF-8 alone.
        var path = Path.Combine(_folder, "excel.csv");
        File.WriteAllBytes(path, System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("Name,Price,Day\nNîmes,1,2015-01-01\nNèmes,2,2015-01-02\n5 €,3,2015-01-03\n"));

        var names = CsvData.Read(path, Columns).GetColumn<ReadOnlyMemory<char>>("Name").Select(v => v.ToString());

        Assert.That(names, Is.EqualTo(new[] { "Nîmes", "Nèmes", "5 €" }));
        Assert.That(CsvData.Read(Write("utf8.csv", "Name,Price,Day\nNîmes,1,2015-01-01\n"), Columns).GetColumn<ReadOnlyMemory<char>>("Name").Single().ToString(),
            Is.EqualTo("Nîmes"), "UTF-8 stays UTF-8");
    }

    [Test]
    public void TimesWithAnOffset_KeepTheirOwnWallClock_WhateverThisMachinesTimeZone()
    {
        var path = Write("times.csv", "Name,Price,Day\na,1,2015-07-31T00:00:00Z\nb,2,2015-07-31T01:00:00+02:00\nc,3,2015-07-31 13:45:00\nd,4,07/31/2015\n");

        var days = CsvData.Read(path, Columns).GetColumn<DateTime>("Day").ToArray();

        Assert.That(days, Is.EqualTo(new[] { new DateTime(2015, 7, 31), new DateTime(2015, 7, 31, 1, 0, 0), new DateTime(2015, 7, 31, 13, 45, 0), new DateTime(2015, 7, 31) }));
        Assert.That(days.Select(d => d.Kind), Has.All.EqualTo(DateTimeKind.Unspecified), "never converted to local time");
    }

    [Test]
    public void ARepeatedHeaderName_IsAnError_OnlyForAColumnRead()
    {
        var path = Write("twice.csv", "Name,Price,Day,Price,Note,Note\na,1,2015-01-01,2,x,y\n");

        var error = Assert.Throws<CsvDataException>(() => CsvData.Read(path, Columns));
        var others = CsvData.Read(path, [new("Name", TextDataViewType.Instance), new("Day", DateTimeDataViewType.Instance)]);

        Assert.That(error!.Message, Is.EqualTo($"'{path}', line 1, column 'Price': names fields 2 and 4 of the header; a column to read needs a name of its own."));
        Assert.That(others.GetColumn<ReadOnlyMemory<char>>("Name").Select(v => v.ToString()), Is.EqualTo(new[] { "a" }), "repeated names of columns not read do not matter");
        Assert.That(CsvData.ReadHeader(path), Has.Count.EqualTo(6));
    }

    [Test]
    public void ARequiredColumn_RefusesMissingValues_NamingTheLine()
    {
        var empty = Write("empty.csv", "Name,Price,Day\na,1,2015-01-01\nb,,2015-01-02\n");
        var marked = Write("marked.csv", "Name,Price,Day\na,1,2015-01-01\nb,2,2015-01-02\nc,NA,2015-01-03\n");
        CsvColumn[] label = [new("Price", NumberDataViewType.Single) { Required = true }];

        var emptyError = Assert.Throws<CsvDataException>(() => CsvData.Read(empty, label));
        var markedError = Assert.Throws<CsvDataException>(() => CsvData.Read(marked, label));

        Assert.That(emptyError!.Message, Is.EqualTo($"'{empty}', line 3, column 'Price': is empty; every row needs a value in this column (remove or fill such rows)."));
        Assert.That((markedError!.Line, markedError.Value), Is.EqualTo(((int?)4, "NA")));
        Assert.That(CsvData.Read(empty, Columns).GetColumn<float>("Price").Last(), Is.NaN, "not required: missing reads as NaN");
    }

    [TestCase(';', "';'")]
    [TestCase('\t', "'\\t'")]
    public void AFileSeparatedByAnotherCharacter_IsNamedAsSuch(char separator, string shown)
    {
        var path = Write("other.csv", $"Name{separator}Price{separator}Day\na{separator}1{separator}2015-01-01\n");

        var error = Assert.Throws<CsvDataException>(() => CsvData.Read(path, Columns));

        Assert.That(error!.Message, Does.EndWith($"The header is one field, separated by {shown}: this reader takes comma-separated files only."));
    }
}
