using System.Runtime.CompilerServices;
using Microsoft.ML;
using MLTabularExtensions.Lessons;
using MLTabularExtensions.Lessons.Rossmann;

namespace MLTabularExtensions.Tests.Cli;

public sealed class CompactTableTests
{
    // Store 17 has no competition distance: missing values to carry.
    private static List<LessonRow> Rows() => RossmannLesson.Build(SyntheticRossmannSources.Generate(stores: 18));

    [Test]
    public void GivesTheRowsColumnsAndValues_InOrder_ToCursorsOpenAtOnce()
    {
        var context = TestData.Context();
        var rows = Rows();
        var compact = CompactTable.FromRows(context, rows);

        var expected = context.Data.LoadFromEnumerable(rows).Schema;
        Assert.That(compact.Schema.Select(c => (c.Name, c.Type)), Is.EqualTo(expected.Select(c => (c.Name, c.Type))));
        var properties = typeof(LessonRow).GetProperties();
        // Zip reads two enumerations at once: two cursors over the one buffer.
        var pairs = context.Data.CreateEnumerable<LessonRow>(compact, reuseRowObject: false)
            .Zip(context.Data.CreateEnumerable<LessonRow>(compact, reuseRowObject: false)).ToArray();
        Assert.That(pairs, Has.Length.EqualTo(rows.Count));
        Assert.That(rows.Any(r => float.IsNaN(r.CompetitionDistance)), "the generated rows have missing values to carry");
        // float.Equals holds NaN equal to NaN.
        var differences = Enumerable.Range(0, rows.Count).SelectMany(i => properties
            .Where(p => !Equals(p.GetValue(rows[i]), p.GetValue(pairs[i].First)) || !Equals(p.GetValue(rows[i]), p.GetValue(pairs[i].Second)))
            .Select(p => $"row {i}, {p.Name}: {p.GetValue(rows[i])} / {p.GetValue(pairs[i].First)} / {p.GetValue(pairs[i].Second)}")).Take(5).ToList();
        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void KeepsNoReferenceToTheRowObjects()
    {
        var context = TestData.Context();
        var (compact, rows) = CompactOfRowsNoOneElseHolds(context);
        // ML.NET's writer finishes on threads of its own, which may hold the rows a moment longer (longer still while
        // other tests load both cores): up to 30 s, stopping as soon as they are collected.
        for (var attempt = 0; attempt < 300 && rows.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (rows.IsAlive) Thread.Sleep(100);
        }
        Assert.That(rows.IsAlive, Is.False, "the row objects are collected while the table lives");
        Assert.That(context.Data.CreateEnumerable<LessonRow>(compact, reuseRowObject: true).Count(), Is.GreaterThan(1_000));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (IDataView Compact, WeakReference Rows) CompactOfRowsNoOneElseHolds(MLContext context)
    {
        var rows = Rows();
        return (CompactTable.FromRows(context, rows), new WeakReference(rows));
    }
}
