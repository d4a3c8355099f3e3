using System.Text.Json;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// Every emitted object, in the golden files and in the base and both overlays as kubectl kustomize builds them,
/// validated offline against the Kubernetes OpenAPI schemas (npm kubernetes-models, plus an unknown-field check
/// and a ServiceMonitor schema) by k8s-schema/validate.mjs.
/// </summary>
public sealed class SchemaValidationTests : IDisposable
{
    private static readonly string Validator = RepositoryRoot.Combine("Publisher.Tests", "k8s-schema", "validate.mjs");

    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-schema-").FullName;

    [SkippableFact]
    public async Task Golden_files_base_and_overlays_pass_the_kubernetes_schemas()
    {
        RequireValidator();
        Tools.CopyCommittedBase(_directory);
        Tools.CopyOverlays(_directory);

        var built = Path.Combine(_directory, "built");
        Directory.CreateDirectory(built);
        foreach (var target in new[] { "base", "overlays/staging", "overlays/production" })
        {
            await File.WriteAllTextAsync(Path.Combine(built, target.Replace('/', '-') + ".yaml"), await Tools.KustomizeAsync(Path.Combine(_directory, target)));
        }

        var report = await ValidateAsync(RepositoryRoot.Combine("Publisher.Tests", "Golden"), built);

        Assert.True(report.GetProperty("errors").GetArrayLength() == 0, $"schema errors:\n{report.GetProperty("errors")}");
        Assert.True(report.GetProperty("validated").GetInt32() >= 66, $"only {report.GetProperty("validated")} documents validated");
        // Only kustomizations may be skipped: every object kind we emit has a schema.
        Assert.All(report.GetProperty("skipped").EnumerateArray(), s => Assert.Equal("Kustomization", s.GetProperty("kind").GetString()));
    }

    [SkippableFact]
    public async Task Every_corpus_base_passes_the_kubernetes_schemas()
    {
        RequireValidator();
        var built = Path.Combine(_directory, "corpus-built");
        Directory.CreateDirectory(built);
        var names = CorpusTests.PublishableNames().ToList();
        foreach (var name in names)
        {
            var (yaml, _) = await CorpusTests.PublishAndBuildAsync(name, _directory);
            await File.WriteAllTextAsync(Path.Combine(built, Path.ChangeExtension(name, ".yaml")), yaml);
        }

        var report = await ValidateAsync(built);

        Assert.True(report.GetProperty("errors").GetArrayLength() == 0, $"schema errors:\n{report.GetProperty("errors")}");
        Assert.True(report.GetProperty("validated").GetInt32() >= 10 * names.Count, $"only {report.GetProperty("validated")} documents validated");
        Assert.Empty(report.GetProperty("skipped").EnumerateArray());
    }

    [SkippableFact]
    public async Task The_validator_catches_unknown_fields_and_wrong_types()
    {
        RequireValidator();
        var broken = Path.Combine(_directory, "broken.yaml");
        var golden = await File.ReadAllTextAsync(RepositoryRoot.Combine("Publisher.Tests", "Golden", "everything", "web-deployment.yaml"));
        await File.WriteAllTextAsync(broken, golden.Replace("  revisionHistoryLimit: 5", "  revisionHistoryLimit: five\n  replicass: 2", StringComparison.Ordinal));

        var report = await ValidateAsync(broken);

        var messages = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToArray();
        Assert.Contains(messages, m => m!.Contains("replicass", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.Contains("revisionHistoryLimit", StringComparison.Ordinal) || m.Contains("integer", StringComparison.Ordinal));
    }

    private static void RequireValidator()
    {
        ExternalTool.Require(ExternalTool.Find("node") is null ? "node is not installed." : null);
        ExternalTool.Require(Directory.Exists(RepositoryRoot.Combine("Publisher.Tests", "k8s-schema", "node_modules"))
            ? null
            : "the schema validator is not installed: run npm ci --prefix Publisher.Tests/k8s-schema");
    }

    private static readonly string[] CloudNativePgFiles =
        ["postgres-cluster.yaml", "postgres-backups-objectstore.yaml", "postgres-daily-scheduledbackup.yaml", "postgres-podmonitor.yaml"];

    [SkippableFact]
    public async Task The_cloudnativepg_schemas_catch_unknown_fields_and_values_the_crds_do_not_allow()
    {
        RequireValidator();
        var result = Publisher.Publishing.KubernetesPublisher.Publish(
            Publisher.Manifest.ManifestReader.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("aspire-manifest.json")), "aspire-manifest.json"),
            new Publisher.Publishing.PublisherOptions
            {
                Resources = new Dictionary<string, Publisher.Publishing.ResourceOptions> { ["postgres"] = new() { Database = new(Publisher.Databases.DatabaseMode.CloudNativePG) } },
            });
        string Content(string name) => result.Files.Single(f => f.Name == $"postgres-cloudnativepg/{name}").Content;
        var sound = Path.Combine(_directory, "sound.yaml");
        await File.WriteAllTextAsync(sound, string.Join("---\n", CloudNativePgFiles.Select(Content)));
        var broken = Path.Combine(_directory, "broken.yaml");
        await File.WriteAllTextAsync(broken, string.Join("---\n",
            Content("postgres-cluster.yaml").Replace("dataDurability: required", "dataDurability: always", StringComparison.Ordinal).Replace("  instances: 3", "  instancess: 3", StringComparison.Ordinal),
            Content("postgres-backups-objectstore.yaml").Replace("retentionPolicy: 30d", "retentionPolicy: 30 days", StringComparison.Ordinal),
            Content("postgres-daily-scheduledbackup.yaml").Replace("method: plugin", "method: barman", StringComparison.Ordinal)));

        var good = await ValidateAsync(sound);
        var report = await ValidateAsync(broken);

        Assert.True(good.GetProperty("errors").GetArrayLength() == 0 && good.GetProperty("validated").GetInt32() == 4, good.ToString());
        var messages = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("unknown field \"instancess\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("dataDurability", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("retentionPolicy", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("spec.method", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> ValidateAsync(params string[] paths)
    {
        var run = await Tools.RunAsync("node", [Validator, .. paths]);
        Assert.True(run.ExitCode is 0 or 1, $"validate.mjs failed to run ({run.ExitCode}):\n{run.Error}");
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
