using System.Text;
using Comments.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>
/// With an RDS instance (Terraform's external_database), pipe.yaml's deploy copies its credentials from Secrets
/// Manager into the Kubernetes Secret that the base's postgres-external component reads. The step runs here as the
/// pipeline runs it, with a stand-in aws that answers as Secrets Manager does and a kubectl that renders with the real
/// one and records what would be applied.
/// </summary>
public sealed class ExternalDatabaseSecretTests : IDisposable
{
    private const string Step = "The external database's Secret (RDS)";
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:comments-production/database-a1B2c3";
    private const string DatabaseHost = "comments-production-database.c9x2kq1zj3ab.eu-west-1.rds.amazonaws.com";
    private const string Password = "q7Rk2mWz9XbT4vNc8LpJ3sHd6FgY1aEu5QoZiVxK";

    private readonly string _directory = Directory.CreateTempSubdirectory("comments-external-db-").FullName;

    private string RunnerTemp => Path.Combine(_directory, "runner-temp");

    private string Calls => Path.Combine(_directory, "calls.log");

    private string Applied => Path.Combine(_directory, "applied.yaml");

    [Fact]
    public void The_step_runs_only_with_an_rds_instance_and_takes_its_inputs_from_terraforms_outputs()
    {
        var step = Workflow.StepsOf(Workflow.Load("pipe.yaml").Job("deploy")).Single(s => s.Children.TryGetValue("name", out var name) && name.ToString() == Step);

        Assert.Equal("${{ needs.infrastructure.outputs.external_database_secret_arn != '' }}", step["if"].ToString());
        var env = (YamlMappingNode)step["env"];
        Assert.Equal("${{ needs.infrastructure.outputs.external_database_host }}", env["DATABASE_HOST"].ToString());
        Assert.Equal("${{ needs.infrastructure.outputs.external_database_secret_arn }}", env["DATABASE_SECRET_ARN"].ToString());
        Assert.Equal("${{ needs.infrastructure.outputs.external_database_kubernetes_secret }}", env["KUBERNETES_SECRET"].ToString());
    }

    [SkippableFact]
    public async Task The_secret_holds_the_instances_host_port_and_the_credentials_from_secrets_manager()
    {
        var run = await RunStepAsync("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains($"aws secretsmanager get-secret-value --secret-id {SecretArn} --query SecretString --output text", File.ReadAllLines(Calls));
        var applied = new YamlStream();
        applied.Load(new StringReader(await File.ReadAllTextAsync(Applied)));
        var objects = applied.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        Assert.Contains(objects, o => o["kind"].ToString() == "Namespace" && o["metadata"]["name"].ToString() == "comments");
        var secret = objects.Single(o => o["kind"].ToString() == "Secret");
        Assert.Equal(("comments-db", "comments"), (secret["metadata"]["name"].ToString(), secret["metadata"]["namespace"].ToString()));
        var data = ((YamlMappingNode)secret["data"]).Children.ToDictionary(d => d.Key.ToString(), d => Encoding.UTF8.GetString(Convert.FromBase64String(d.Value.ToString())));
        Assert.Equal(
            new Dictionary<string, string> { ["host"] = DatabaseHost, ["port"] = "5432", ["username"] = "comments", ["password"] = Password },
            data);
        Assert.False(File.Exists(Path.Combine(RunnerTemp, "database.env")), "the credentials were left on the runner's disk");
        Assert.DoesNotContain(Password, run.Output + run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_overlay_that_still_runs_a_cloudnativepg_cluster_stops_the_deploy_with_the_fix()
    {
        var run = await RunStepAsync("apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: postgres\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the production overlay still runs a CloudNativePG Cluster: publish postgres with PublishAsExternalDatabase and include base/postgres-external", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Calls), "aws or kubectl ran although the deploy was refused");
    }

    private async Task<ProcessRunner.Result> RunStepAsync(string rendering)
    {
        var kubectl = ExternalTool.Find("kubectl");
        ExternalTool.Require(kubectl is null ? "kubectl is not installed (the step renders the Secret with kubectl create --dry-run=client)." : null);
        ExternalTool.Require(ExternalTool.Find("jq") is null ? "jq is not installed (the step reads the secret's JSON with it, as on the GitHub runner)." : null);

        Directory.CreateDirectory(RunnerTemp);
        await File.WriteAllTextAsync(Path.Combine(RunnerTemp, "production.yaml"), rendering);
        var bin = Path.Combine(_directory, "bin");
        StandIn.Write(bin, "aws", $$"""
            #!/usr/bin/env bash
            set -euo pipefail
            echo "aws $*" >> "{{Calls}}"
            [ "$*" = "secretsmanager get-secret-value --secret-id {{SecretArn}} --query SecretString --output text" ] || { echo "unexpected: aws $*" >&2; exit 2; }
            echo '{"username":"comments","password":"{{Password}}"}'
            """);
        StandIn.Write(bin, "kubectl", $$"""
            #!/usr/bin/env bash
            set -euo pipefail
            echo "kubectl $*" >> "{{Calls}}"
            if [ "$1" = apply ]; then { cat; echo "---"; } >> "{{Applied}}"; echo "applied"; exit 0; fi
            exec "{{kubectl}}" "$@"
            """);

        var run = Workflow.Load("pipe.yaml").Run("deploy", Step);
        return await ProcessRunner.RunAsync("bash", ["-euo", "pipefail", "-c", run], _directory, new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["RUNNER_TEMP"] = RunnerTemp,
            ["DATABASE_HOST"] = DatabaseHost,
            ["DATABASE_SECRET_ARN"] = SecretArn,
            ["KUBERNETES_SECRET"] = "comments/comments-db",
        });
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
