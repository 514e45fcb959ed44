namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>Weather of one German state on one day (the columns the lesson uses; NaN = missing).</summary>
public sealed record WeatherDay(float MaxTemperature, float MeanTemperature, float MinTemperature, float MaxHumidity,
    float MeanHumidity, float MinHumidity, float MaxWind, float MeanWind, float CloudCover, string Events);

/// <summary>Everything the lesson's data preparation joins: train ⋈ store, store states, weather and Google trends.</summary>
/// <param name="Days">Kaggle's train.csv rows joined with store.csv.</param>
/// <param name="StoreStates">Store → state code ("HB,NI" is one code).</param>
/// <param name="Weather">(state code, date) → weather.</param>
/// <param name="StateTrend">(state code, year, ISO week) → Google trend of that state.</param>
/// <param name="NationalTrend">(year, ISO week) → Germany's Google trend.</param>
public sealed record RossmannSources(
    IReadOnlyList<RossmannRow> Days,
    IReadOnlyDictionary<int, string> StoreStates,
    IReadOnlyDictionary<(string State, DateTime Date), WeatherDay> Weather,
    IReadOnlyDictionary<(string State, int Year, int Week), float> StateTrend,
    IReadOnlyDictionary<(int Year, int Week), float> NationalTrend);
