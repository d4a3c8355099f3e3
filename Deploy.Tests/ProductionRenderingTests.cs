using System.Text.RegularExpressions;
using Comments.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>
/// pipe.yaml's deploy renders the production overlay from the image job's digest and Terraform's outputs, never from
/// committed placeholders. Its step runs here as the pipeline runs it, on a copy of deploy/k8s, with inputs in the
/// shapes those jobs produce.
/// </summary>
public sealed partial class ProductionRenderingTests : IDisposable
{
    private const string Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/comments-api@sha256:4f1c2a9e0b7d3e5f6a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";
    private const string Host = "comments.newsroom.dev";
    private const string CertificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/0e6ad9f1-3c4b-4b8e-9d51-7f1e2a3b4c5d";
    private const string BackupBucket = "newsroom-comments-database-backups";
    private const string Region = "eu-west-1";

    private readonly string _checkout = Directory.CreateTempSubdirectory("comments-render-").FullName;

    private string Rendered => Path.Combine(_checkout, "runner-temp", "production.yaml");

    private string EnvironmentFile => Path.Combine(_checkout, "deploy", "k8s", "overlays", "production", "environment.env");

    public ProductionRenderingTests()
    {
        DeployFolder.Copy("", Path.Combine(_checkout, "deploy", "k8s"));
        File.WriteAllText(Path.Combine(_checkout, "deploy", "k8s", "base", "secrets.env"), "postgres-password=s3cret\npostgres-password-uri-encoded=s3cret\n");
        Directory.CreateDirectory(Path.Combine(_checkout, "runner-temp"));
    }

    [SkippableFact]
    public async Task The_overlay_carries_the_digest_the_host_and_the_certificate_of_the_inputs()
    {
        var run = await RenderAsync(Image, Host, CertificateArn);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var objects = Objects(await File.ReadAllTextAsync(Rendered));
        var api = Single(objects, "Deployment", "api");
        var containers = (YamlSequenceNode)api["spec"]["template"]["spec"]["containers"];
        Assert.Equal(Image, containers.Cast<YamlMappingNode>().Single(c => c["name"].ToString() == "api")["image"].ToString());
        var ingress = Single(objects, "Ingress", "api");
        Assert.Equal(Host, ((YamlSequenceNode)ingress["spec"]["rules"])[0]["host"].ToString());
        var annotations = (YamlMappingNode)ingress["metadata"]["annotations"];
        Assert.Equal(Host, annotations["external-dns.alpha.kubernetes.io/hostname"].ToString());
        Assert.Equal(CertificateArn, annotations["alb.ingress.kubernetes.io/certificate-arn"].ToString());
        // The ConfigMap that carries the inputs is local to kustomize, not applied.
        Assert.DoesNotContain(objects, o => Kind(o) == "ConfigMap" && Name(o) == "environment");
        Assert.All(objects.SelectMany(Workflow.Scalars), value => Assert.DoesNotMatch(Placeholder(), value));
        Assert.All(objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "Cluster"), o => Assert.Equal("comments", o["metadata"]["namespace"].ToString()));
    }

    [SkippableFact]
    public async Task The_database_is_a_cloudnativepg_cluster_backed_up_to_the_bucket_of_the_inputs()
    {
        var run = await RenderAsync(Image, Host, CertificateArn);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        var objects = Objects(await File.ReadAllTextAsync(Rendered));
        Assert.DoesNotContain(objects, o => Kind(o) == "StatefulSet");
        Assert.DoesNotContain(objects, o => Kind(o) == "Service" && Name(o) == "postgres");
        var cluster = Single(objects, "Cluster", "postgres");
        Assert.Equal("3", cluster["spec"]["instances"].ToString());
        Assert.Equal("gp3", cluster["spec"]["storage"]["storageClass"].ToString());
        Assert.Equal("50Gi", cluster["spec"]["storage"]["size"].ToString());
        var store = Single(objects, "ObjectStore", "postgres-backups");
        Assert.Equal($"s3://{BackupBucket}/", store["spec"]["configuration"]["destinationPath"].ToString());
        var sidecarEnv = ((YamlSequenceNode)store["spec"]["instanceSidecarConfiguration"]["env"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(Region, sidecarEnv.Single(e => e["name"].ToString() == "AWS_REGION")["value"].ToString());
        Assert.Equal("postgres", Single(objects, "ScheduledBackup", "postgres-daily")["spec"]["cluster"]["name"].ToString());
        Single(objects, "PodMonitor", "postgres");
        Single(objects, "NetworkPolicy", "postgres-cluster-ingress");

        // The api on the read-write Service, with the password of the Secret CloudNativePG writes.
        var api = (YamlMappingNode)((YamlSequenceNode)Single(objects, "Deployment", "api")["spec"]["template"]["spec"]["containers"])[0];
        var env = ((YamlSequenceNode)api["env"]).Cast<YamlMappingNode>().ToDictionary(e => e["name"].ToString());
        Assert.StartsWith("Host=postgres-rw;Port=5432;Username=comments;Password=$(SECRET_POSTGRES_PASSWORD);", env["ConnectionStrings__comments"]["value"].ToString(), StringComparison.Ordinal);
        Assert.Equal("postgres-app", env["SECRET_POSTGRES_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"].ToString());
        Assert.Equal("password", env["SECRET_POSTGRES_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"].ToString());
    }

    [SkippableTheory]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/comments-api:4f1c2a9", Host, CertificateArn,
        "error: IMAGE (123456789012.dkr.ecr.eu-west-1.amazonaws.com/comments-api:4f1c2a9) is not the api image by digest")]
    [InlineData("000000000000.dkr.ecr.us-east-1.amazonaws.com/comments-api@sha256:4f1c2a9e0b7d3e5f6a8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c", Host, CertificateArn,
        "error: IMAGE is a placeholder")]
    [InlineData(Image, "comments.example.com", CertificateArn, "error: API_HOST is a placeholder (comments.example.com)")]
    [InlineData(Image, Host, "arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000", "error: CERTIFICATE_ARN is a placeholder")]
    [InlineData(Image, Host, CertificateArn, "error: BACKUP_BUCKET (Backups_Bucket) is not the name of the database backup bucket", "Backups_Bucket")]
    [InlineData(Image, Host, CertificateArn, "error: AWS_REGION (Ireland) is not an AWS region", null, "Ireland")]
    [InlineData("", "", "", "error: IMAGE is not set|error: API_HOST is not set|error: CERTIFICATE_ARN is not set|error: BACKUP_BUCKET is not set|error: AWS_REGION is not set|5 problem(s)", "", "")]
    public async Task Bad_inputs_are_all_reported_and_nothing_is_written(string image, string host, string certificate, string messages, string? bucket = null, string? region = null)
    {
        var run = await RenderAsync(image, host, certificate, bucket ?? BackupBucket, region ?? Region);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.All(messages.Split('|'), m => Assert.Contains(m, run.Error, StringComparison.Ordinal));
        Assert.False(File.Exists(EnvironmentFile), "environment.env was written from bad inputs");
        Assert.False(File.Exists(Rendered), "the overlay was rendered from bad inputs");
    }

    [SkippableFact]
    public async Task A_placeholder_committed_in_the_overlay_stops_the_deploy()
    {
        var kustomization = Path.Combine(_checkout, "deploy", "k8s", "overlays", "production", "kustomization.yaml");
        await File.AppendAllTextAsync(kustomization, "commonAnnotations:\n  support: https://status.example.com\n");

        var run = await RenderAsync(Image, Host, CertificateArn);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}:\n{run.Output}\n{run.Error}");
        Assert.Contains("support: https://status.example.com", run.Error, StringComparison.Ordinal);
        Assert.Contains("error: placeholders survive", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Rendered), "a rendering with placeholders was left for kubectl apply");
    }

    [Fact]
    public void The_deploy_takes_its_environment_from_the_jobs_that_produce_it()
    {
        var pipe = Workflow.Load("pipe.yaml");
        var env = (YamlMappingNode)pipe.Job("deploy")["env"];

        Assert.Equal("${{ needs.image.outputs.image }}", env["IMAGE"].ToString());
        Assert.Equal("${{ needs.infrastructure.outputs.api_host }}", env["API_HOST"].ToString());
        Assert.Equal("${{ needs.infrastructure.outputs.certificate_arn }}", env["CERTIFICATE_ARN"].ToString());
        Assert.Equal("${{ needs.infrastructure.outputs.database_backup_bucket }}", env["BACKUP_BUCKET"].ToString());
        var outputs = pipe.Run("infrastructure", "Outputs for the deploy");
        Assert.Contains("terraform output -raw api_host", outputs, StringComparison.Ordinal);
        Assert.Contains("terraform output -raw certificate_arn", outputs, StringComparison.Ordinal);
        Assert.Contains("terraform output -raw database_backup_bucket", outputs, StringComparison.Ordinal);
        Assert.Contains("terraform output -raw region", outputs, StringComparison.Ordinal);
        // aspire deploy applies the overlay that render.sh wrote and checked.
        var steps = pipe.Steps("deploy").Select(s => s.Run).ToList();
        var render = steps.FindIndex(r => r.Contains("deploy/k8s/render.sh production", StringComparison.Ordinal));
        var deploy = steps.FindIndex(r => r.Trim() == "dotnet aspire deploy -o deploy/k8s --non-interactive");
        Assert.True(render >= 0 && deploy > render, "pipe.yaml must render the production overlay, then aspire deploy it");
    }

    private async Task<ProcessRunner.Result> RenderAsync(string image, string host, string certificate, string bucket = BackupBucket, string region = Region)
    {
        ExternalTool.Require(ExternalTool.Find("kubectl") is null ? "kubectl is not installed (deploy/k8s/render.sh runs kubectl kustomize)." : null);
        var run = Workflow.Load("pipe.yaml").Run("deploy", "Render the production overlay");
        return await ProcessRunner.RunAsync("bash", ["-euo", "pipefail", "-c", run], _checkout, new Dictionary<string, string>
        {
            ["IMAGE"] = image,
            ["API_HOST"] = host,
            ["CERTIFICATE_ARN"] = certificate,
            ["BACKUP_BUCKET"] = bucket,
            ["AWS_REGION"] = region,
            ["RUNNER_TEMP"] = Path.Combine(_checkout, "runner-temp"),
        });
    }

    private static List<YamlMappingNode> Objects(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlMappingNode Single(List<YamlMappingNode> objects, string kind, string name) =>
        objects.Single(o => Kind(o) == kind && Name(o) == name);

    private static string Kind(YamlMappingNode o) => o["kind"].ToString();

    private static string Name(YamlMappingNode o) => o["metadata"]["name"].ToString();

    [GeneratedRegex(@"(^|[^0-9])0{12}([^0-9]|$)|example\.(com|org|net)|00000000-0000-0000-0000-000000000000")]
    private static partial Regex Placeholder();

    public void Dispose() => Directory.Delete(_checkout, recursive: true);
}
