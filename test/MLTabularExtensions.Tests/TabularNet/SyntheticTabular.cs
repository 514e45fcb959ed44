using Microsoft.ML;
using MLTabularExtensions.TabularPreprocess;

namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>A small regression/classification problem with a known structure, preprocessed as users would.</summary>
internal static class SyntheticTabular
{
    public sealed class Row
    {
        public string Shop { get; set; } = "";
        public int Weekday { get; set; }
        public float Price { get; set; }
        public float Temperature { get; set; }
        public float Sales { get; set; }
        public bool Busy { get; set; }
        public string Level { get; set; } = "";
    }

    private static readonly double[] ShopEffect = [0.0, 0.4, -0.3, 0.8, -0.6, 0.2, 0.5, -0.1];

    public static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var shop = random.Next(ShopEffect.Length);
            var weekday = random.Next(7);
            var price = (float)(random.NextDouble() * 10);
            var temperature = random.Next(10) == 0 ? float.NaN : (float)(random.NextDouble() * 30);
            var log = 5 + ShopEffect[shop] + (weekday == 5 ? 0.5 : 0) - 0.05 * price
                + 0.01 * (float.IsNaN(temperature) ? 15 : temperature) + 0.05 * (random.NextDouble() - 0.5);
            return new Row
            {
                Shop = "shop" + shop,
                Weekday = weekday,
                Price = price,
                Temperature = temperature,
                Sales = (float)Math.Exp(log),
                Busy = log > 5.1,
                Level = log < 4.9 ? "low" : log < 5.3 ? "mid" : "high",
            };
        })];
    }

    /// <summary>Fits TabularPreprocess on <paramref name="train"/> and returns it with both sets transformed.</summary>
    public static (TabularPreprocessTransformer Preprocess, IDataView Train, IDataView Valid) Prepare(MLContext context, Row[] train, Row[] valid)
    {
        var trainView = context.Data.LoadFromEnumerable(train);
        var preprocess = context.Transforms.TabularPreprocess(new TabularPreprocessOptions
        {
            CategoricalColumns = ["Shop", "Weekday"],
            ContinuousColumns = ["Price", "Temperature"],
        }).Fit(trainView);
        return (preprocess, preprocess.Transform(trainView), preprocess.Transform(context.Data.LoadFromEnumerable(valid)));
    }
}
