using Microsoft.ML.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>A row of Kaggle's store.csv.</summary>
internal sealed class StoreRow
{
    [LoadColumn(0)] public int Store { get; set; }
    [LoadColumn(1)] public string StoreType { get; set; } = "";
    [LoadColumn(2)] public string Assortment { get; set; } = "";
    [LoadColumn(3)] public float CompetitionDistance { get; set; }
    [LoadColumn(4)] public float CompetitionOpenSinceMonth { get; set; }
    [LoadColumn(5)] public float CompetitionOpenSinceYear { get; set; }
    [LoadColumn(6)] public float Promo2 { get; set; }
    [LoadColumn(7)] public float Promo2SinceWeek { get; set; }
    [LoadColumn(8)] public float Promo2SinceYear { get; set; }
    [LoadColumn(9)] public string PromoInterval { get; set; } = "";
}
