namespace MLTabularExtensions.Lessons.Rossmann;

/// <summary>One row of the Rossmann lesson's training table (fast.ai's <c>rossman_data_clean</c> output).</summary>
public sealed class LessonRow
{
#pragma warning disable CS1591 // The lesson's column names.
    public int Store { get; set; }
    public int DayOfWeek { get; set; }
    public DateTime Date { get; set; }
    public float Sales { get; set; }
    public float Promo { get; set; }
    public bool StateHoliday { get; set; }
    public float SchoolHoliday { get; set; }
    public string StoreType { get; set; } = "";
    public string Assortment { get; set; } = "";
    public string PromoInterval { get; set; } = "";
    public float CompetitionDistance { get; set; }
    public int CompetitionOpenSinceYear { get; set; }
    public int Promo2SinceYear { get; set; }
    public int CompetitionMonthsOpen { get; set; }
    public int Promo2Weeks { get; set; }
    public string State { get; set; } = "";
    public string Events { get; set; } = "";
    public float Max_TemperatureC { get; set; }
    public float Mean_TemperatureC { get; set; }
    public float Min_TemperatureC { get; set; }
    public float Max_Humidity { get; set; }
    public float Mean_Humidity { get; set; }
    public float Min_Humidity { get; set; }
    public float Max_Wind_SpeedKm_h { get; set; }
    public float Mean_Wind_SpeedKm_h { get; set; }
    public float CloudCover { get; set; }
    public float trend { get; set; }
    public float trend_DE { get; set; }
    public float AfterStateHoliday { get; set; }
    public float BeforeStateHoliday { get; set; }
    public float Promo_fw { get; set; }
    public float Promo_bw { get; set; }
    public float StateHoliday_fw { get; set; }
    public float StateHoliday_bw { get; set; }
    public float SchoolHoliday_fw { get; set; }
    public float SchoolHoliday_bw { get; set; }
#pragma warning restore CS1591

    /// <summary>Days until the store's next long closure starts, 1–30, or 0 (<see cref="StoreClosures"/>).</summary>
    public int DaysToClosure { get; set; }

    /// <summary>Days since the store's last long closure ended, 1–30, or 0 (<see cref="StoreClosures"/>).</summary>
    public int DaysFromClosure { get; set; }

    /// <summary>The lesson's 20 categorical inputs (Year, Month, Week, Day come from AddDateParts on Date).</summary>
    public static readonly string[] CategoricalColumns =
    [
        nameof(Store), nameof(DayOfWeek), "Year", "Month", "Day", nameof(StateHoliday), nameof(StoreType), nameof(Assortment),
        nameof(PromoInterval), nameof(CompetitionOpenSinceYear), nameof(Promo2SinceYear), nameof(State), "Week", nameof(Events),
        nameof(Promo_fw), nameof(Promo_bw), nameof(StateHoliday_fw), nameof(StateHoliday_bw), nameof(SchoolHoliday_fw),
        nameof(SchoolHoliday_bw),
    ];

    /// <summary>The two categoricals course-v3's notebook adds (22 in all).</summary>
    public static readonly string[] CourseV3Categorical = [nameof(CompetitionMonthsOpen), nameof(Promo2Weeks)];

    /// <summary>The closure counts <c>mltab rossmann --closures</c> adds to the categoricals (not in the lesson).</summary>
    public static readonly string[] ClosureCategorical = [nameof(DaysToClosure), nameof(DaysFromClosure)];

    /// <summary>The lesson's 16 continuous inputs.</summary>
    public static readonly string[] ContinuousColumns =
    [
        nameof(CompetitionDistance), nameof(Max_TemperatureC), nameof(Mean_TemperatureC), nameof(Min_TemperatureC),
        nameof(Max_Humidity), nameof(Mean_Humidity), nameof(Min_Humidity), nameof(Max_Wind_SpeedKm_h),
        nameof(Mean_Wind_SpeedKm_h), nameof(CloudCover), nameof(trend), nameof(trend_DE), nameof(AfterStateHoliday),
        nameof(BeforeStateHoliday), nameof(Promo), nameof(SchoolHoliday),
    ];
}
