using System.Reflection;
using Microsoft.ML.Runtime;

namespace MLTabularExtensions.TorchSharp.Training;

/// <summary>
/// Writes training messages to the <c>MLContext.Log</c> of the context whose catalog created the trainer. ML.NET keeps
/// a catalog's host environment non-public, so it is found by type; without it, messages go only to the progress
/// callback.
/// </summary>
internal static class CatalogLog
{
    public static Action<string> For(object catalog, string component)
    {
        var environment = FindEnvironment(catalog);
        if (environment is null) return _ => { };
        var host = environment.Register(component);
        return message =>
        {
            using var channel = host.Start(component);
            channel.Info(MessageSensitivity.None, message);
        };
    }

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
