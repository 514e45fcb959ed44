using Microsoft.ML.Data;

namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>A row of Kaggle's train.csv.</summary>
internal sealed class TrainRow
{
    [LoadColumn(0)] public int Store { get; set; }
    [LoadColumn(1)] public int DayOfWeek { get; set; }
    [LoadColumn(2)] public DateTime Date { get; set; }
    [LoadColumn(3)] public float Sales { get; set; }
    [LoadColumn(4)] public float Customers { get; set; }
    [LoadColumn(5)] public float Open { get; set; }
    [LoadColumn(6)] public float Promo { get; set; }
    [LoadColumn(7)] public string StateHoliday { get; set; } = "";
    [LoadColumn(8)] public float SchoolHoliday { get; set; }
}
