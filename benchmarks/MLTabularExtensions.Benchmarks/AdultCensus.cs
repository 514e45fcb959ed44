using System.Globalization;
using System.IO.Compression;

namespace MLTabularExtensions.Benchmarks;

/// <summary>UCI Adult (census income): the original adult.data / adult.test files, "?" read as missing.</summary>
internal static class AdultCensus
{
    public sealed class Row
    {
        public float Age { get; set; }
        public string Workclass { get; set; } = "";
        public float Fnlwgt { get; set; }
        public string Education { get; set; } = "";
        public float EducationNum { get; set; }
        public string MaritalStatus { get; set; } = "";
        public string Occupation { get; set; } = "";
        public string Relationship { get; set; } = "";
        public string Race { get; set; } = "";
        public string Sex { get; set; } = "";
        public float CapitalGain { get; set; }
        public float CapitalLoss { get; set; }
        public float HoursPerWeek { get; set; }
        public string NativeCountry { get; set; } = "";
        public bool Label { get; set; }
    }

    public static readonly string[] Categorical =
        [nameof(Row.Workclass), nameof(Row.Education), nameof(Row.MaritalStatus), nameof(Row.Occupation), nameof(Row.Relationship),
         nameof(Row.Race), nameof(Row.Sex), nameof(Row.NativeCountry)];

    public static readonly string[] Continuous =
        [nameof(Row.Age), nameof(Row.Fnlwgt), nameof(Row.EducationNum), nameof(Row.CapitalGain), nameof(Row.CapitalLoss), nameof(Row.HoursPerWeek)];

    public static string Folder =>
        Environment.GetEnvironmentVariable("MLTAB_ADULT")
        ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "adult-census-uci"));

    public static Row[] Read(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(Folder, file)), CompressionMode.Decompress));
        var rows = new List<Row>();
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length != 15) continue; // the test file's "|1x3 Cross validator" line and blank lines
            rows.Add(new Row
            {
                Age = Number(f[0]),
                Workclass = Text(f[1]),
                Fnlwgt = Number(f[2]),
                Education = Text(f[3]),
                EducationNum = Number(f[4]),
                MaritalStatus = Text(f[5]),
                Occupation = Text(f[6]),
                Relationship = Text(f[7]),
                Race = Text(f[8]),
                Sex = Text(f[9]),
                CapitalGain = Number(f[10]),
                CapitalLoss = Number(f[11]),
                HoursPerWeek = Number(f[12]),
                NativeCountry = Text(f[13]),
                // The test file writes ">50K." with a full stop.
                Label = f[14].TrimEnd('.') == ">50K",
            });
        }
        return [.. rows];
    }

    private static string Text(string field) => field == "?" ? "" : field;

    private static float Number(string field) => field == "?" ? float.NaN : float.Parse(field, CultureInfo.InvariantCulture);
}
