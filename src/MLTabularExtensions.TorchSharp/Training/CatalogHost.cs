using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// What a trainer takes from the <c>MLContext</c> whose catalog created it: its log, its seed, its GPU choice
/// (<c>GpuDeviceId</c>, <c>FallbackToCpu</c>) and whether <c>CancelExecution</c> was called, as ML.NET's own
/// TorchSharp trainers do.
/// </summary>
/// <param name="Log">Writes a message to <c>MLContext.Log</c>.</param>
/// <param name="Seed">The context's seed, or null when it was created without one.</param>
/// <param name="GpuDeviceId">The context's GPU, or null for none.</param>
/// <param name="FallbackToCpu">Whether the context allows the CPU when that GPU is not usable.</param>
/// <param name="IsCanceled">True once <c>MLContext.CancelExecution()</c> was called.</param>
internal sealed record CatalogHost(Action<string> Log, int? Seed, int? GpuDeviceId, bool FallbackToCpu, Func<bool> IsCanceled)
{
    /// <summary>No context: no log, no seed, the CPU, never canceled (for code that trains outside a catalog).</summary>
    public static CatalogHost None { get; } = new(_ => { }, null, null, false, () => false);

    /// <remarks>
    /// ML.NET keeps a catalog's host environment non-public, so this one adapter finds it by type; without it, messages
    /// go only to the progress callback and the device is the CPU. A test fails if ML.NET stops exposing it this way.
    /// </remarks>
    public static CatalogHost For(object catalog, string component)
    {
        var environment = FindEnvironment(catalog);
        if (environment is null) return None;
        var host = environment.Register(component);
        var canceled = Setting(environment, "IsCanceled");
        return new CatalogHost(message =>
        {
            using var channel = host.Start(component);
            channel.Info(MessageSensitivity.None, message);
        }, (int?)Setting(environment, "Seed")?.GetValue(environment),
            (int?)Setting(environment, nameof(MLContext.GpuDeviceId))?.GetValue(environment),
            Setting(environment, nameof(MLContext.FallbackToCpu))?.GetValue(environment) is true,
            () => canceled?.GetValue(environment) is true);
    }

    // MLContext keeps these on its environment through internal interfaces: find them on the interface that declares them.
    private static PropertyInfo? Setting(IHostEnvironment environment, string name) =>
        environment.GetType().GetInterfaces().Select(i => i.GetProperty(name)).FirstOrDefault(p => p is not null);

    private static IHostEnvironment? FindEnvironment(object catalog)
    {
        for (var type = catalog.GetType(); type is not null; type = type.BaseType)
        {
            const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(flags).Where(p => typeof(IHostEnvironment).IsAssignableFrom(p.PropertyType)))
            {
                if (property.GetValue(catalog) is IHostEnvironment environment) return environment;
            }
            foreach (var field in type.GetFields(flags).Where(f => typeof(IHostEnvironment).IsAssignableFrom(f.FieldType)))
            {
                if (field.GetValue(catalog) is IHostEnvironment environment) return environment;
            }
        }
        return null;
    }
}
