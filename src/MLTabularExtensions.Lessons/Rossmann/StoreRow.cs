
namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>A row of Kaggle's store.csv.</summary>
internal sealed class StoreRow
{
    public int Store { get; set; }
    public string StoreType { get; set; } = "";
    public string Assortment { get; set; } = "";
    public float CompetitionDistance { get; set; }
    public float CompetitionOpenSinceMonth { get; set; }
    public float CompetitionOpenSinceYear { get; set; }
    public float Promo2 { get; set; }
    public float Promo2SinceWeek { get; set; }
    public float Promo2SinceYear { get; set; }
    public string PromoInterval { get; set; } = "";
}
