namespace Comments.Publisher.Kubernetes;

/// <summary>
/// The non-root user that well-known images run as (or drop to) upstream, so that their pods pass the restricted Pod
/// Security Standard without a <c>--run-as</c>. Keyed by repository without registry or tag; the table is in
/// Publisher/README.md.
/// </summary>
public static class KnownImages
{
    private static readonly Dictionary<string, long> Users = new(StringComparer.Ordinal)
    {
        ["postgres"] = 999,
        ["pgvector/pgvector"] = 999,
        ["redis"] = 999,
        ["redis/redis-stack-server"] = 999,
        ["valkey/valkey"] = 999,
        ["rabbitmq"] = 999,
        ["mongo"] = 999,
        ["mysql"] = 999,
        ["mariadb"] = 999,
        ["keycloak/keycloak"] = 1000,
        ["mssql/server"] = 10001,
        ["confluentinc/confluent-local"] = 1000,
        ["confluentinc/cp-kafka"] = 1000,
        ["apache/kafka"] = 1000,
        ["elasticsearch/elasticsearch"] = 1000,
        ["jaegertracing/jaeger"] = 10001,
        ["jaegertracing/all-in-one"] = 10001,
        ["otel/opentelemetry-collector"] = 10001,
        ["otel/opentelemetry-collector-contrib"] = 10001,
        ["grafana/grafana"] = 472,
        ["prom/prometheus"] = 65534,
        ["dpage/pgadmin4"] = 5050,
        ["nginxinc/nginx-unprivileged"] = 101,
        ["memcached"] = 11211,
        ["dotnet/aspire-dashboard"] = 1654,
        ["dotnet/nightly/yarp"] = 1654,
        ["dotnet/yarp"] = 1654,
    };

    /// <summary>The user <paramref name="image"/> runs as, or null when it is not known to be a non-root one.</summary>
    public static long? UserOf(string image)
    {
        var repository = Repository(image);
        if (repository.StartsWith("bitnami/", StringComparison.Ordinal))
        {
            return 1001;
        }

        // The Alpine variant of postgres creates its user with the Alpine id.
        if (repository == "postgres" && Tag(image).Contains("alpine", StringComparison.Ordinal))
        {
            return 70;
        }

        return Users.TryGetValue(repository, out var user) ? user : null;
    }

    /// <summary>PostgreSQL's own images, whose entrypoint initialises PGDATA.</summary>
    public static bool IsPostgres(string image) => Repository(image) is "postgres" or "pgvector/pgvector";

    /// <summary>"docker.io/library/postgres:17.2" -> "postgres"; "quay.io/keycloak/keycloak:26" -> "keycloak/keycloak".</summary>
    private static string Repository(string image)
    {
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > slash)
        {
            name = name[..colon];
        }

        var parts = name.Split('/').ToList();
        if (parts.Count > 1 && (parts[0].Contains('.', StringComparison.Ordinal) || parts[0].Contains(':', StringComparison.Ordinal) || parts[0] == "localhost"))
        {
            parts.RemoveAt(0);
        }

        if (parts is ["library", _])
        {
            parts.RemoveAt(0);
        }

        return string.Join('/', parts).ToLowerInvariant();
    }

    private static string Tag(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : "";
    }
}
