using System.Text.Json;
using System.Text.RegularExpressions;

namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>
/// Which workloads of a manifest reach which, read from the manifest's JSON on its own (not through the publisher):
/// a workload's env and args name a binding of another workload, directly or through connection strings and values.
/// </summary>
public static partial class ManifestReferences
{
    private static readonly string[] WorkloadTypes = ["project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0"];

    /// <summary>Consumer resource name -> the workload resource names its values reach.</summary>
    public static Dictionary<string, HashSet<string>> Of(string manifestJson)
    {
        using var document = JsonDocument.Parse(manifestJson);
        var resources = document.RootElement.GetProperty("resources").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.Clone());
        var references = new Dictionary<string, HashSet<string>>();
        foreach (var (name, resource) in resources.Where(r => IsWorkload(r.Value)))
        {
            var reached = new HashSet<string>();
            foreach (var text in Strings(resource, "env").Concat(Strings(resource, "args")))
            {
                Walk(text, resources, reached, []);
            }

            reached.Remove(name);
            references[name] = reached;
        }

        return references;
    }

    /// <summary>The project resources: the only ones that may carry .NET defaults.</summary>
    public static HashSet<string> Projects(string manifestJson)
    {
        using var document = JsonDocument.Parse(manifestJson);
        return document.RootElement.GetProperty("resources").EnumerateObject()
            .Where(r => TypeOf(r.Value) is "project.v0" or "project.v1")
            .Select(r => r.Name).ToHashSet();
    }

    private static void Walk(string text, Dictionary<string, JsonElement> resources, HashSet<string> reached, HashSet<string> visited)
    {
        foreach (Match match in Expression().Matches(text))
        {
            var parts = match.Groups[1].Value.Split('.');
            if (!resources.TryGetValue(parts[0], out var target) || !visited.Add(match.Groups[1].Value))
            {
                continue;
            }

            if (parts is [_, "bindings", ..] && IsWorkload(target))
            {
                reached.Add(parts[0]);
            }
            else if (parts is [_, "connectionString" or "value"])
            {
                foreach (var field in new[] { "connectionString", "value" })
                {
                    if (target.TryGetProperty(field, out var nested) && nested.ValueKind == JsonValueKind.String)
                    {
                        Walk(nested.GetString()!, resources, reached, visited);
                    }
                }
            }
        }
    }

    // A build-only image (AddViteApp) never runs: other images copy its files.
    private static bool IsWorkload(JsonElement resource) =>
        WorkloadTypes.Contains(TypeOf(resource))
        && !(resource.TryGetProperty("build", out var build) && build.TryGetProperty("buildOnly", out var buildOnly) && buildOnly.ValueKind == JsonValueKind.True);

    // What Aspire could not write has an "error" and no type.
    private static string? TypeOf(JsonElement resource) =>
        resource.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement resource, string field) =>
        !resource.TryGetProperty(field, out var value) ? []
        : value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => p.Value.GetString() ?? "")
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetString() ?? "")
        : [];

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)\}")]
    private static partial Regex Expression();
}
