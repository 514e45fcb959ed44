namespace MLTabularExtensions.TorchSharp;

/// <summary>What the network predicts; fixes the label type, loss, output columns and metric.</summary>
internal enum TabularNetTask
{
    Regression,
    BinaryClassification,
    MulticlassClassification,
}
