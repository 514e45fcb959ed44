using Microsoft.ML.Transforms;

namespace MLTabularExtensions.Scoring;

/// <summary>Turns the network's [1, 1] output into ML.NET's scalar regression <c>Score</c>. Stateless, so it saves.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ScoreFactory : CustomMappingFactory<RawOutputRow, RegressionScoreRow>
{
    /// <summary>The contract name stored in saved models.</summary>
    public const string ContractName = "MLTabularExtensions.Scoring.Regression.v1";

    /// <inheritdoc />
    public override Action<RawOutputRow, RegressionScoreRow> GetMapping() => Map;

    /// <summary>The mapping itself.</summary>
    public static void Map(RawOutputRow input, RegressionScoreRow output) => output.Score = input.Output[0];
}

/// <summary>Turns the network's [1, 1] logit into ML.NET's binary <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class BinaryScoreFactory : CustomMappingFactory<RawOutputRow, BinaryScoreRow>
{
    /// <summary>The contract name stored in saved models.</summary>
    public const string ContractName = "MLTabularExtensions.Scoring.Binary.v1";

    /// <inheritdoc />
    public override Action<RawOutputRow, BinaryScoreRow> GetMapping() => Map;

    /// <summary>The mapping itself.</summary>
    public static void Map(RawOutputRow input, BinaryScoreRow output)
    {
        var logit = input.Output[0];
        output.Score = logit;
        output.Probability = 1f / (1f + MathF.Exp(-logit));
        output.PredictedLabel = output.Probability > 0.5f;
    }
}

/// <summary>Unwraps the network's [1, 1] class number into a scalar. Stateless, so it saves.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ClassNumberFactory : CustomMappingFactory<RawClassRow, ClassNumberRow>
{
    /// <summary>The contract name stored in saved models.</summary>
    public const string ContractName = "MLTabularExtensions.Scoring.ClassNumber.v1";

    /// <inheritdoc />
    public override Action<RawClassRow, ClassNumberRow> GetMapping() => Map;

    /// <summary>The mapping itself.</summary>
    public static void Map(RawClassRow input, ClassNumberRow output) => output.Number = input.Class[0];
}
