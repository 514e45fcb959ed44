namespace MLTabularExtensions.Cli;

/// <summary>What <c>mltab</c> prints for <c>--help</c> and after a refused command line.</summary>
internal static class Usage
{
    public const string Text = """
        usage: mltab rossmann [--data DIR] [--epochs N] [--out DIR] [--seed S] [--threads T] [--batch-size B] [--lr LR] [--wd WD] [--layers N1 N2 …] [--ps P1 P2 …] [--emb-drop P] [--course-v3] [--closures] [--bf16] [--stores N]
               mltab predict --model model.zip --data file.csv [--out predictions.csv]
               mltab train --data file.csv --label COL [--task regression|binary] [--cat C …] [--cont C …] [--date COL] [--epochs N] [--layers N1 N2 …] [--batch-size B] [--lr LR] [--wd WD] [--seed S] [--out DIR]
               mltab preprocess [--data DIR] [--out DIR]
               mltab pets [--data DIR] [--out DIR] [--epochs N] [--size PX] [--seed S] [--threads T] [--batch-size B] [--lr LR] [--max-zoom Z] [--mixing none|mixup|cutmix] [--augmented-only]
        """;

    /// <summary>True for <c>mltab help</c>, <c>mltab --help</c>, <c>mltab -h</c> or any of them after a command.</summary>
    public static bool IsRequested(string[] args) =>
        args is ["help", ..] || args.Any(a => a is "--help" or "-h");
}
