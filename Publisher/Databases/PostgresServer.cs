using System.Text.RegularExpressions;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Databases;

/// <summary>
/// What the manifest says about a PostgreSQL server container that AddPostgres wrote: its user, its password
/// parameter and the databases AddDatabase declared on it (value resources of <c>{server.connectionString};Database=x</c>).
/// </summary>
public sealed partial record PostgresServer(ManifestResource Resource, string User, string? PasswordParameter, IReadOnlyList<string> Databases, string Version)
{
    public const int Port = 5432;

    /// <summary>The major version of a server whose image tag names none (latest, a digest).</summary>
    public const string DefaultVersion = "18";

    public string Name => Names.Service(Resource.Name);

    /// <summary>The server, or why it cannot be one (null and a reason).</summary>
    public static (PostgresServer? Server, string? Problem) Read(ManifestResource resource, AspireManifest manifest)
    {
        if (resource is not { Kind: ResourceKind.Container, Image: { } image } || !KnownImages.IsPostgres(image))
        {
            return (null, $"is a {resource.Type} resource{(resource.Image is { } i ? $" of image {i}" : "")}, not a PostgreSQL server (AddPostgres)");
        }

        var env = resource.Env.ToDictionary(e => e.Key, e => e.Value);
        var user = env.GetValueOrDefault("POSTGRES_USER") ?? "postgres";
        if (user.Contains('{', StringComparison.Ordinal))
        {
            return (null, $"takes its user from a parameter ({user}): give the user name as text in the AppHost, the Cluster's owner is named at publish time");
        }

        var password = env.GetValueOrDefault("POSTGRES_PASSWORD") is { } p && ParameterValue().Match(p) is { Success: true } m ? m.Groups[1].Value : null;
        var databases = manifest.Resources
            .Select(r => r.ConnectionString is { } c ? DatabaseOf().Match(c) : Match.Empty)
            .Where(m => m.Success && m.Groups["server"].Value == resource.Name)
            .Select(m => m.Groups["database"].Value)
            .Distinct()
            .ToList();
        var tag = image.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..] : "";
        var version = VersionTag().Match(tag) is { Success: true } v ? v.Groups[1].Value : DefaultVersion;
        return (new PostgresServer(resource, user, password, databases, version), null);
    }

    [GeneratedRegex(@"^\{([A-Za-z0-9_\-.]+)\.value\}$")]
    private static partial Regex ParameterValue();

    [GeneratedRegex(@"^\{(?<server>[A-Za-z0-9_\-.]+)\.connectionString\};Database=(?<database>[A-Za-z0-9_\-]+)$")]
    private static partial Regex DatabaseOf();

    [GeneratedRegex(@"^(?:pg)?(\d+(?:\.\d+)?)")]
    private static partial Regex VersionTag();
}
