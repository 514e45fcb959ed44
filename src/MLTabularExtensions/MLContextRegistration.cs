using Microsoft.ML;

namespace MLTabularExtensions;

/// <summary>Makes models saved with this library loadable.</summary>
public static class MLContextRegistration
{
    /// <summary>
    /// Registers this assembly's <c>CustomMapping</c> contracts (date parts) with the context's component catalog.
    /// Call it before <c>mlContext.Model.Load</c> of a model that contains <c>AddDateParts</c>.
    /// </summary>
    /// <param name="context">The context that will load the model.</param>
    public static MLContext RegisterTabularExtensions(this MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ComponentCatalog.RegisterAssembly(typeof(MLContextRegistration).Assembly);
        return context;
    }
}
