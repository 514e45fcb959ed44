
namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>A row of Kaggle's train.csv.</summary>
internal sealed class TrainRow
{
    public int Store { get; set; }
    public int DayOfWeek { get; set; }
    public DateTime Date { get; set; }
    public float Sales { get; set; }
    public float Customers { get; set; }
    public float Open { get; set; }
    public float Promo { get; set; }
    public string StateHoliday { get; set; } = "";
    public float SchoolHoliday { get; set; }
}
