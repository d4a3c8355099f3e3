using System.Text.Json;

namespace Comments.Publisher.Benchmarks;

/// <summary>
/// A manifest of <c>n</c> resources shaped like real apps: per group of five, a project with external HTTP, a
/// worker project, a PostgreSQL container with a volume, its generated password and a database value, with the
/// projects referring to each other's bindings and connection strings.
/// </summary>
public static class SyntheticManifest
{
    public static string Create(int resources)
    {
        var items = new Dictionary<string, object>();
        for (var group = 0; items.Count < resources; group++)
        {
            var web = $"web{group}";
            var worker = $"worker{group}";
            var db = $"db{group}";
            var password = $"db{group}-password";
            var database = $"appdb{group}";
            items[password] = new
            {
                type = "parameter.v0",
                value = $"{{{password}.inputs.value}}",
                inputs = new { value = new { type = "string", secret = true, @default = new { generate = new { minLength = 22 } } } },
            };
            items[db] = new
            {
                type = "container.v0",
                image = "docker.io/library/postgres:18.3",
                connectionString = $"Host={{{db}.bindings.tcp.host}};Port={{{db}.bindings.tcp.port}};Username=postgres;Password={{{password}.value}}",
                volumes = new[] { new { name = $"{db}-data", target = "/var/lib/postgresql", readOnly = false } },
                env = new Dictionary<string, string> { ["POSTGRES_PASSWORD"] = $"{{{password}.value}}" },
                bindings = new { tcp = new { scheme = "tcp", protocol = "tcp", transport = "tcp", targetPort = 5432 } },
            };
            items[database] = new { type = "value.v0", connectionString = $"{{{db}.connectionString}};Database=app" };
            items[worker] = new
            {
                type = "project.v0",
                path = "Worker/Worker.csproj",
                env = new Dictionary<string, string> { ["HTTP_PORTS"] = $"{{{worker}.bindings.http.targetPort}}", ["ConnectionStrings__db"] = $"{{{database}.connectionString}}" },
                bindings = new { http = new { scheme = "http", protocol = "tcp", transport = "http" } },
            };
            items[web] = new
            {
                type = "project.v0",
                path = "Web/Web.csproj",
                env = new Dictionary<string, string>
                {
                    ["HTTP_PORTS"] = $"{{{web}.bindings.http.targetPort}}",
                    ["ConnectionStrings__db"] = $"{{{database}.connectionString}}",
                    ["services__worker__http__0"] = $"{{{worker}.bindings.http.url}}",
                },
                bindings = new { http = new { scheme = "http", protocol = "tcp", transport = "http", external = true } },
            };
        }

        return JsonSerializer.Serialize(new { resources = items });
    }
}
