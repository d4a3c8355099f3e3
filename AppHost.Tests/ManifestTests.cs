using System.Text.Json;

namespace Comments.AppHost.Tests;

/// <summary>The committed aspire-manifest.json is what the AppHost generates, and it has the shape a cluster needs.</summary>
public sealed class ManifestTests
{
    private const string RefreshCommand = "dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json";

    private static readonly string Committed = RepositoryRoot.Combine("aspire-manifest.json");

    [Fact]
    public async Task The_committed_manifest_matches_a_fresh_one()
    {
        // Generated next to the committed file so that its relative paths are the same.
        var generated = RepositoryRoot.Combine($".aspire-manifest.check-{Guid.NewGuid():N}.json");
        try
        {
            var run = await ProcessRunner.RunAsync("dotnet",
                ["run", "--project", "AppHost", "--no-build", "-c", ProcessRunner.Configuration, "--", "--publisher", "manifest", "--output-path", generated]);
            Assert.True(run.ExitCode == 0 && File.Exists(generated), $"Manifest generation failed ({run.ExitCode}):\n{run.Output}\n{run.Error}");

            var expected = (await File.ReadAllTextAsync(Committed)).ReplaceLineEndings();
            var actual = (await File.ReadAllTextAsync(generated)).ReplaceLineEndings();
            if (expected != actual)
            {
                var diff = await ProcessRunner.RunAsync("git", ["diff", "--no-index", "--no-color", Committed, generated]);
                Assert.Fail($"aspire-manifest.json is out of date. Refresh it from the repository root with:\n  {RefreshCommand}\n\n{diff.Output}");
            }
        }
        finally
        {
            File.Delete(generated);
        }
    }

    [Fact]
    public void The_manifest_is_shaped_for_a_cluster()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Committed));
        var resources = manifest.RootElement.GetProperty("resources");
        var names = resources.EnumerateObject().Select(r => r.Name).ToArray();

        // Jaeger, Prometheus and Grafana are local only: in the cluster the platform's Jaeger and kube-prometheus-stack
        // do their job, so there is one of each.
        Assert.DoesNotContain("jaeger", names);
        Assert.DoesNotContain("prometheus", names);
        Assert.DoesNotContain("grafana", names);

        var api = resources.GetProperty("api");
        Assert.Equal("project.v0", api.GetProperty("type").GetString());
        var environment = api.GetProperty("env");
        Assert.Equal("{otlp-traces-endpoint.value}", environment.GetProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").GetString());
        Assert.False(environment.TryGetProperty("OTEL_EXPORTER_OTLP_ENDPOINT", out _), "Jaeger takes traces only; metrics and logs must not be sent there.");
        Assert.Equal("{comments.connectionString}", environment.GetProperty("ConnectionStrings__comments").GetString());

        var collector = resources.GetProperty("otlp-traces-endpoint").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString();
        Assert.Equal("http://jaeger.observability.svc.cluster.local:4317", collector);

        var postgres = resources.GetProperty("postgres");
        var volume = Assert.Single(postgres.GetProperty("volumes").EnumerateArray());
        Assert.Equal("comments-postgres-data", volume.GetProperty("name").GetString());
        Assert.Equal("{postgres-password.value}", postgres.GetProperty("env").GetProperty("POSTGRES_PASSWORD").GetString());

        var password = resources.GetProperty("postgres-password").GetProperty("inputs").GetProperty("value");
        Assert.True(password.GetProperty("secret").GetBoolean());
        Assert.True(password.GetProperty("default").TryGetProperty("generate", out _));
    }
}
