using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>Reads Kaggle's Rossmann train.csv[.gz] and store.csv and joins them on Store.</summary>
public static class RossmannFiles
{
    /// <summary>Every train row with its store's attributes, in file order.</summary>
    /// <param name="context">The ML.NET context used for CSV loading.</param>
    /// <param name="folder">A folder holding train.csv (or train.csv.gz) and store.csv.</param>
    public static List<RossmannRow> LoadTrainJoinedWithStore(MLContext context, string folder)
    {
        var stores = Read<StoreRow>(context, CsvSource.Find(folder, "store.csv")).ToDictionary(s => s.Store);
        var rows = new List<RossmannRow>(1_100_000);
        long line = 1;
        foreach (var day in Read<TrainRow>(context, CsvSource.Find(folder, "train.csv")))
        {
            line++;
            if (!stores.TryGetValue(day.Store, out var store))
                throw new InvalidDataException($"train.csv line {line}: Store {day.Store} is not in store.csv.");
            var row = new RossmannRow
            {
                Store = day.Store,
                DayOfWeek = day.DayOfWeek,
                Date = day.Date,
                Sales = day.Sales,
                Customers = day.Customers,
                Open = day.Open,
                Promo = day.Promo,
                StateHoliday = day.StateHoliday,
                SchoolHoliday = day.SchoolHoliday,
            };
            row.StoreType = store.StoreType;
            row.Assortment = store.Assortment;
            row.CompetitionDistance = store.CompetitionDistance;
            row.CompetitionOpenSinceMonth = store.CompetitionOpenSinceMonth;
            row.CompetitionOpenSinceYear = store.CompetitionOpenSinceYear;
            row.Promo2 = store.Promo2;
            row.Promo2SinceWeek = store.Promo2SinceWeek;
            row.Promo2SinceYear = store.Promo2SinceYear;
            row.PromoInterval = store.PromoInterval;
            rows.Add(row);
        }
        return rows;
    }

    private static IEnumerable<T> Read<T>(MLContext context, CsvSource source) where T : class, new()
    {
        // Empty numeric fields (store.csv has many) must read as NaN, i.e. missing, not as TextLoader's default 0.
        var loader = context.Data.CreateTextLoader<T>(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            AllowQuoting = true,
            MissingRealsAsNaNs = true,
        });
        return context.Data.CreateEnumerable<T>(loader.Load(source), reuseRowObject: false);
    }
}
