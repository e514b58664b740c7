namespace Platform.Silo.Telemetry;

/// <summary>Counts every incoming grain call by grain class and method (both bounded sets: no keys or arguments as labels).</summary>
internal sealed class GrainCallCounter(PlatformMetrics metrics) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        metrics.GrainCalled(context.Grain?.GetType().Name ?? context.InterfaceName, context.MethodName);
        return context.Invoke();
    }
}
