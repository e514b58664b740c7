using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Client;

namespace Platform.Workers.Agent;

public static class WorkerAgentExtensions
{
    /// <summary>Adds a worker agent to a host that already provides an Orleans <see cref="IGrainFactory"/> (a silo or a cluster client).</summary>
    public static IServiceCollection AddWorkerAgent(this IServiceCollection services, WorkerAgentOptions options)
    {
        var problems = options.Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(WorkerAgentOptions.Section, typeof(WorkerAgentOptions), problems);
        }

        services.AddSingleton(options);
        var platform = new PlatformClient(PlatformHttpClient.Create(options.ApiAddresses, options.ApiToken));
        services.AddSingleton(platform);
        services.AddSingleton(platform.Tracking);
        services.AddSingleton<TrialRunner>();
        services.AddHostedService<WorkerAgent>();
        return services;
    }
}
