using MLTabularExtensions.TorchSharp;

namespace MLTabularExtensions.Lessons;

/// <summary>
/// A trainer's <c>Progress</c> for notebooks: prints each epoch's report as it comes (on the training thread, unlike
/// <see cref="Progress{T}"/>, which would post it to the notebook's synchronization context) and keeps them for a table.
/// </summary>
public sealed class EpochTable : IProgress<EpochReport>
{
    /// <summary>The reports so far, in epoch order.</summary>
    public List<EpochReport> Epochs { get; } = [];

    /// <summary>Prints and keeps <paramref name="value"/>.</summary>
    public void Report(EpochReport value)
    {
        Epochs.Add(value);
        Console.WriteLine(value);
    }
}
