namespace MLTabularExtensions.Tests.TabularNet;

/// <summary>Reports on the training thread (<see cref="Progress{T}"/> would post to a synchronization context).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
