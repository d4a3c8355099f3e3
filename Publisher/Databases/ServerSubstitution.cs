using Comments.Publisher.Expressions;

namespace Comments.Publisher.Databases;

/// <summary>
/// How references to a PostgreSQL server resolve once it runs elsewhere than the base's StatefulSet: its host, port,
/// user and password, and the connection string Aspire would build from them.
/// </summary>
public sealed record ServerSubstitution(PostgresServer Server, ResolvedValue Host, ResolvedValue Port, ResolvedValue User, SecretSegment Password)
{
    public static ServerSubstitution CloudNativePg(PostgresServer server) => new(
        server,
        ResolvedValue.Of(CloudNativePgCluster.ReadWriteService(server)),
        ResolvedValue.Of(PostgresServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ResolvedValue.Of(CloudNativePgCluster.Owner(server)),
        new SecretSegment(PasswordKey(server), CloudNativePgCluster.AppSecret(server), "password"));

    /// <summary>The keys of an external database's Secret: host, port, username, password (the shape of an RDS-managed secret).</summary>
    public static ServerSubstitution External(PostgresServer server, string secret) => new(
        server,
        new ResolvedValue([new SecretSegment($"{secret}-host", secret, "host")]),
        new ResolvedValue([new SecretSegment($"{secret}-port", secret, "port")]),
        new ResolvedValue([new SecretSegment($"{secret}-username", secret, "username")]),
        new SecretSegment(PasswordKey(server), secret, "password"));

    /// <summary>The connection string AddPostgres writes, on the new host and credentials.</summary>
    public ResolvedValue ConnectionString => ResolvedValue.Concat(
        [ResolvedValue.Of("Host="), Host, ResolvedValue.Of(";Port="), Port, ResolvedValue.Of(";Username="), User, ResolvedValue.Of(";Password="), new ResolvedValue([Password])]);

    /// <summary>A binding property of the server (host, port, url, ...), or null for one it has no value for.</summary>
    public ResolvedValue? Binding(string property) => property switch
    {
        "host" => Host,
        "port" or "targetPort" => Port,
        "hostAndPort" => ResolvedValue.Concat([Host, ResolvedValue.Of(":"), Port]),
        "url" => ResolvedValue.Concat([ResolvedValue.Of("tcp://"), Host, ResolvedValue.Of(":"), Port]),
        "scheme" => ResolvedValue.Of("tcp"),
        "tlsEnabled" => ResolvedValue.Of("false"),
        _ => null,
    };

    /// <summary>
    /// Aspire writes the server's user as text into what refers to it: the connection property <c>X_USERNAME</c> (next
    /// to an <c>X_HOST</c> of the server) and the user of <c>X_URI</c>. Those take the new user; anything else is null.
    /// </summary>
    public ResolvedValue? RewriteUser(string key, string template, IReadOnlyDictionary<string, string> env, Func<string, ResolvedValue> resolve)
    {
        var ofServer = $"{{{Server.Resource.Name}.bindings.";
        if (template == Server.User && key.EndsWith("_USERNAME", StringComparison.Ordinal)
            && env.GetValueOrDefault(key[..^"USERNAME".Length] + "HOST") is { } host && host.StartsWith(ofServer, StringComparison.Ordinal))
        {
            return User;
        }

        foreach (var separator in new[] { ":", "@" })
        {
            var userInfo = $"://{Server.User}{separator}";
            var at = template.IndexOf(userInfo, StringComparison.Ordinal);
            if (at >= 0 && template.Contains(ofServer, StringComparison.Ordinal))
            {
                return ResolvedValue.Concat([resolve(template[..(at + 3)]), User, resolve(template[(at + userInfo.Length - 1)..])]);
            }
        }

        return null;
    }

    private static string PasswordKey(PostgresServer server) => server.PasswordParameter ?? $"{server.Resource.Name}-password";
}
