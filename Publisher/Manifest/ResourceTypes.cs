using System.Text.RegularExpressions;

namespace Comments.Publisher.Manifest;

/// <summary>What each manifest type is, for the forms Aspire 8.0 GA and later write, and the preview forms before them.</summary>
public static partial class ResourceTypes
{
    public static ResourceKind KindOf(ManifestResource resource) => resource.Type switch
    {
        "project.v0" or "project.v1" => ResourceKind.Project,
        "container.v0" => ResourceKind.Container,
        "container.v1" => resource.Build switch
        {
            { BuildOnly: true } => ResourceKind.BuildOnly,
            not null => ResourceKind.Build,
            null => ResourceKind.Container,
        },
        "dockerfile.v0" => ResourceKind.Build,
        "executable.v0" => ResourceKind.Executable,
        "parameter.v0" => ResourceKind.Parameter,
        "value.v0" => ResourceKind.Value,
        "annotated.string" => ResourceKind.AnnotatedString,
        "dapr.v0" => ResourceKind.DaprSidecar,
        "" when resource.ManifestError is not null => ResourceKind.Unwritten,
        var type when PreviewType().IsMatch(type) => ResourceKind.Preview,
        _ => ResourceKind.External,
    };

    /// <summary>Types the publisher knows as cloud or platform resources (others are external too, with a note).</summary>
    public static bool IsKnownExternal(string type) => KnownExternalType().IsMatch(type);

    // The Aspire 8 previews wrote one type per integration (postgres.server.v0, redis.v0, azure.storage.v0, ...);
    // 8.0 GA replaced them with container.v0, value.v0 and azure.bicep.v0.
    [GeneratedRegex(@"^(postgres|redis|rabbitmq|sqlserver|mysql|mongodb|kafka|oracle)\.(server|database|connection)\.v0$|^redis\.v0$|^azure\.(storage|storage\.blob|storage\.queue|storage\.table|keyvault|servicebus|appinsights|redis|cosmosdb|sql|appconfiguration|signalr)\.v0$")]
    private static partial Regex PreviewType();

    [GeneratedRegex(@"^(azure\.bicep\.v[01]|aws\.[a-z.]+\.v\d+|dapr\.component\.v0)$")]
    private static partial Regex KnownExternalType();
}
