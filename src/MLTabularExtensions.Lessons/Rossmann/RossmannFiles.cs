using Microsoft.ML;
using Microsoft.ML.Data;
using MLTabularExtensions.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>Reads Kaggle's Rossmann train.csv[.gz] and store.csv and joins them on Store.</summary>
public static class RossmannFiles
{
    /// <summary>Every train row with its store's attributes, in file order.</summary>
    /// <param name="context">The ML.NET context used for CSV loading.</param>
    /// <param name="folder">A folder holding train.csv (or train.csv.gz) and store.csv.</param>
    public static List<RossmannRow> LoadTrainJoinedWithStore(MLContext context, string folder)
    {
        var stores = Read<StoreRow>(context, Find(folder, "store.csv")).ToDictionary(s => s.Store);
        var rows = new List<RossmannRow>(1_100_000);
        long line = 1;
        foreach (var day in Read<TrainRow>(context, Find(folder, "train.csv")))
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

    /// <summary>The first of <c>name</c> or <c>name.gz</c> that exists in <paramref name="folder"/>.</summary>
    internal static string Find(string folder, string name)
    {
        foreach (var candidate in new[] { name, name + ".gz" })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"Neither {name} nor {name}.gz was found in '{folder}'.", Path.Combine(folder, name));
    }

    /// <summary>The file's columns named as <typeparamref name="T"/>'s properties, typed as they are.</summary>
    private static IEnumerable<T> Read<T>(MLContext context, string path) where T : class, new()
    {
        CsvColumn[] columns = [.. typeof(T).GetProperties().Select(p => new CsvColumn(p.Name, p.PropertyType switch
        {
            var t when t == typeof(int) => NumberDataViewType.Int32,
            var t when t == typeof(float) => NumberDataViewType.Single,
            var t when t == typeof(DateTime) => DateTimeDataViewType.Instance,
            _ => (DataViewType)TextDataViewType.Instance,
        }))];
        return context.Data.CreateEnumerable<T>(CsvData.Read(path, columns), reuseRowObject: false);
    }
}
