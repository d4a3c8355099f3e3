using Microsoft.Extensions.Configuration;

namespace Comments.AppHost;

/// <summary>
/// What the AppHost starts, from its configuration (command line <c>--AppHost:Containers=false</c>, environment
/// <c>AppHost__Containers</c>, user secrets or appsettings.json).
/// </summary>
internal sealed record AppHostSettings(bool UseContainers, string? WhyNoContainers, bool UseExistingDatabase)
{
    public const string ContainersKey = "AppHost:Containers";
    public const string ConnectionName = "comments";

    public static AppHostSettings From(IConfiguration configuration, bool isPublishMode)
    {
        var useExistingDatabase = !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

        // A manifest describes the cluster, not this machine: it always has the containers.
        if (isPublishMode)
        {
            return new(true, null, useExistingDatabase);
        }

        var setting = configuration[ContainersKey]?.Trim().ToLowerInvariant() ?? "auto";
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DcpPublisher:ContainerRuntime"] ?? "docker";
        var whyNot = setting switch
        {
            "true" or "enabled" => null,
            "false" or "disabled" => $"{ContainersKey} is '{configuration[ContainersKey]}'",
            "auto" => ContainerRuntimeCheck.WhyUnusable(runtime),
            _ => throw new InvalidOperationException($"{ContainersKey} must be auto, true or false, not '{configuration[ContainersKey]}'."),
        };

        return new(whyNot is null, whyNot, useExistingDatabase);
    }
}
