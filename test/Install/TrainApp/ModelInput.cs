using Microsoft.ML.Data;

/// <summary>One row of sales.csv, as ML.NET's text loader reads it.</summary>
public sealed class ModelInput
{
    [LoadColumn(0)] public DateTime Date { get; set; }
    [LoadColumn(1)] public string Store { get; set; } = "";
    [LoadColumn(2)] public float Promo { get; set; }
    [LoadColumn(3)] public float Distance { get; set; }
    [LoadColumn(4)] public float Sales { get; set; }
}

/// <summary>What the model adds: the predicted sales.</summary>
public sealed class ModelOutput
{
    public float Score { get; set; }
}
