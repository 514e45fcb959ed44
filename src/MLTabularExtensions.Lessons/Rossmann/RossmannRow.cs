
namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>A row of Kaggle's train.csv joined with store.csv on Store (missing store values are NaN / empty).</summary>
public sealed class RossmannRow
{
#pragma warning disable CS1591 // Kaggle's column names.
    public int Store { get; set; }
    public int DayOfWeek { get; set; }
    public DateTime Date { get; set; }
    public float Sales { get; set; }
    public float Customers { get; set; }
    public float Open { get; set; }
    public float Promo { get; set; }
    public string StateHoliday { get; set; } = "";
    public float SchoolHoliday { get; set; }
    public string StoreType { get; set; } = "";
    public string Assortment { get; set; } = "";
    public float CompetitionDistance { get; set; }
    public float CompetitionOpenSinceMonth { get; set; }
    public float CompetitionOpenSinceYear { get; set; }
    public float Promo2 { get; set; }
    public float Promo2SinceWeek { get; set; }
    public float Promo2SinceYear { get; set; }
    public string PromoInterval { get; set; } = "";
#pragma warning restore CS1591

    /// <summary>The categorical inputs of the preprocessing sample (after AddDateParts on Date).</summary>
    public static readonly string[] CategoricalColumns =
    [
        nameof(Store), nameof(DayOfWeek), "Year", "Month", "Week", "Day", nameof(StateHoliday), nameof(StoreType),
        nameof(Assortment), nameof(PromoInterval), nameof(CompetitionOpenSinceMonth), nameof(CompetitionOpenSinceYear),
        nameof(Promo2SinceWeek), nameof(Promo2SinceYear), "Is_month_end", "Is_month_start", "Is_quarter_end",
        "Is_quarter_start", "Is_year_end", "Is_year_start",
    ];

    /// <summary>The continuous inputs of the preprocessing sample.</summary>
    public static readonly string[] ContinuousColumns =
    [
        nameof(CompetitionDistance), nameof(Promo), nameof(SchoolHoliday), nameof(Promo2), "Dayofyear", "Elapsed",
    ];
}
