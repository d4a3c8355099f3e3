using System.Text;
using System.Text.Json;
using Comments.Publisher.Expressions;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Tests;

/// <summary>
/// Random manifests of values that refer to each other (with cycles, dangling names and garbage between braces),
/// from fixed seeds: resolution either succeeds or fails with a PublishException; it never crashes or hangs.
/// </summary>
public sealed class ExpressionResolverFuzzTests
{
    private static readonly string[] Properties = ["value", "connectionString", "inputs.value", "bindings.http.url", "bindings.http.port", "bindings.nope.url", "outputs.x", "value.extra"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Random_reference_graphs_resolve_or_fail_cleanly(int seed)
    {
        var random = new Random(seed);
        int resolved = 0, failed = 0;
        for (var round = 0; round < 500; round++)
        {
            var json = RandomManifest(random);
            AspireManifest manifest;
            try
            {
                manifest = ManifestReader.Parse(json, "fuzz.json");
            }
            catch (PublishException)
            {
                failed++;
                continue;
            }

            foreach (var resource in manifest.Resources)
            {
                var task = Task.Run(() =>
                {
                    var problems = new Problems("fuzz.json");
                    new ExpressionResolver(manifest, new Dictionary<string, string>(), ServedPorts.OfWorkloads(manifest, problems), problems)
                        .Resolve(resource.Value ?? "", $"resource '{resource.Name}'");
                    Assert.All(problems.Lines, line => Assert.StartsWith("fuzz.json: resource '", line, StringComparison.Ordinal));
                    return problems.Lines.Count == 0;
                });
                var completed = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5)));
                Assert.True(completed == task, $"resolution hung on seed {seed}, round {round}:\n{json}");
                if (await task)
                {
                    resolved++;
                }
                else
                {
                    failed++;
                }
            }
        }

        // Both outcomes occur, so the generator exercises both paths.
        Assert.True(resolved > 50 && failed > 50, $"resolved {resolved}, failed {failed}");
    }

    private static string RandomManifest(Random random)
    {
        var count = random.Next(1, 8);
        var names = Enumerable.Range(0, count).Select(i => $"r{i}").ToArray();
        var resources = new Dictionary<string, object>();
        foreach (var name in names)
        {
            var kind = random.Next(4);
            resources[name] = kind switch
            {
                0 => new Dictionary<string, object> { ["type"] = "value.v0", ["value"] = Template(random, names) },
                1 => new Dictionary<string, object> { ["type"] = "value.v0", ["value"] = Template(random, names), ["connectionString"] = Template(random, names) },
                2 => new Dictionary<string, object>
                {
                    ["type"] = "parameter.v0",
                    ["value"] = $"{{{name}.inputs.value}}",
                    ["inputs"] = new Dictionary<string, object> { ["value"] = new Dictionary<string, object> { ["type"] = "string", ["secret"] = random.Next(2) == 0, ["default"] = new Dictionary<string, object> { ["value"] = "v" } } },
                },
                _ => new Dictionary<string, object>
                {
                    ["type"] = "container.v0",
                    ["image"] = "x",
                    ["value"] = Template(random, names),
                    ["bindings"] = new Dictionary<string, object> { ["http"] = new Dictionary<string, object> { ["scheme"] = "http", ["targetPort"] = random.Next(1, 65536) } },
                },
            };
        }

        return JsonSerializer.Serialize(new { resources });
    }

    private static string Template(Random random, string[] names)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            text.Append(random.Next(6) switch
            {
                0 => "plain;",
                1 => "{",
                2 => "{}",
                3 => $"{{{names[random.Next(names.Length)]}.{Properties[random.Next(Properties.Length)]}}}",
                4 => $"{{ghost.{Properties[random.Next(Properties.Length)]}}}",
                _ => $"{{{names[random.Next(names.Length)]}.{Properties[random.Next(2)]}}}",
            });
        }

        return text.ToString();
    }
}
