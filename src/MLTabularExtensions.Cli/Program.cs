using MLTabularExtensions.Cli;

// mltab [preprocess] [--data DIR] [--out DIR]
string? data = null;
var outFolder = "out";
var rest = args.SkipWhile(a => a == "preprocess").ToArray();
for (var i = 0; i < rest.Length; i++)
{
    switch (rest[i])
    {
        case "--data" when i + 1 < rest.Length:
            data = rest[++i];
            break;
        case "--out" when i + 1 < rest.Length:
            outFolder = rest[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{rest[i]}'. Usage: mltab [preprocess] [--data DIR] [--out DIR]");
            return 2;
    }
}
return PreprocessJob.Run(data, outFolder, Console.Out);
