using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Comments.Deploy.Tests.Infrastructure;

namespace Comments.Deploy.Tests;

/// <summary>
/// deploy/terraform checked offline: formatting, every file parsing as HCL, and policy assertions on the parsed
/// configuration. init/validate/plan need the AWS provider and run in pr.yaml.
/// </summary>
public sealed partial class TerraformTests
{
    private static readonly string Stack = RepositoryRoot.Combine("deploy", "terraform");

    [SkippableFact]
    public async Task Terraform_fmt_finds_nothing_to_change()
    {
        ExternalTool.Require(ExternalTool.Find("terraform") is null ? "terraform is not installed." : null);

        var fmt = await ProcessRunner.RunAsync("terraform", ["fmt", "-check", "-recursive", "-diff", Stack]);

        Assert.True(fmt.ExitCode == 0, $"terraform fmt -check failed; run terraform fmt -recursive deploy/terraform:\n{fmt.Output}{fmt.Error}");
    }

    [SkippableFact]
    public async Task Every_file_parses_and_the_stack_meets_the_policies()
    {
        var hcl = Only(await ParseAsync(), file => !file.StartsWith(Bootstrap, StringComparison.Ordinal));
        var text = string.Join("\n", Directory.GetFiles(Stack, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/.terraform/", StringComparison.Ordinal) && !f.Contains($"/{Bootstrap}", StringComparison.Ordinal)).Select(File.ReadAllText));

        // Community modules, pinned.
        var modules = Blocks(hcl, "module");
        Assert.Contains(modules, m => (string?)m.Value["source"] == "terraform-aws-modules/vpc/aws" && ((string?)m.Value["version"])!.StartsWith("~> 6", StringComparison.Ordinal));
        Assert.Contains(modules, m => (string?)m.Value["source"] == "terraform-aws-modules/eks/aws" && ((string?)m.Value["version"])!.StartsWith("~> 21", StringComparison.Ordinal));

        // The api's certificate: ACM, validated by DNS in the zone, its ARN an output.
        var certificate = Assert.Single(modules, m => (string?)m.Value["source"] == "terraform-aws-modules/acm/aws").Value;
        Assert.Equal("DNS", (string?)certificate["validation_method"]);
        Assert.Equal("${var.api_host}", (string?)certificate["domain_name"]);
        Assert.Equal("${var.route53_zone_id}", (string?)certificate["zone_id"]);
        Assert.All(modules.Where(m => !((string?)m.Value["source"])!.StartsWith("./", StringComparison.Ordinal)),
            m => Assert.False(string.IsNullOrEmpty((string?)m.Value["version"]), $"module {m.Name} has no version"));

        // EKS add-ons the workloads rely on.
        var eks = modules.Single(m => (string?)m.Value["source"] == "terraform-aws-modules/eks/aws").Value;
        var addons = eks["addons"]?.AsObject() ?? throw new Xunit.Sdk.XunitException("the eks module sets no addons");
        foreach (var addon in new[] { "coredns", "kube-proxy", "vpc-cni", "eks-pod-identity-agent", "aws-ebs-csi-driver", "metrics-server" })
        {
            Assert.True(addons.ContainsKey(addon), $"add-on {addon} missing");
        }

        Assert.Contains("AL2023", eks.ToJsonString(), StringComparison.Ordinal);
        Assert.Matches(HttpTokensRequired(), text);
        Assert.True(eks["encryption_config"] is not null || eks["create_kms_key"] is not null, "EKS secrets are not encrypted with KMS");

        // ECR, Helm releases, GitHub OIDC, state.
        var resources = Blocks(hcl, "resource");
        var ecr = Assert.Single(resources, r => r.Type == "aws_ecr_repository").Value;
        Assert.Equal("IMMUTABLE", (string?)ecr["image_tag_mutability"]);
        Assert.Contains("scan_on_push", ecr.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(resources, r => r.Type == "aws_ecr_lifecycle_policy");
        Assert.Contains(resources, r => r.Type == "aws_iam_openid_connect_provider");
        var charts = resources.Where(r => r.Type == "helm_release").ToArray();
        foreach (var chart in new[] { "kube-prometheus-stack", "jaeger", "aws-load-balancer-controller", "external-dns", "chaos-mesh" })
        {
            var release = charts.SingleOrDefault(r => (string?)r.Value["chart"] == chart);
            Assert.True(release.Value is not null, $"no helm_release for {chart}");
            Assert.False(string.IsNullOrEmpty((string?)release.Value["version"]), $"{chart} chart version not pinned");
        }

        Assert.NotNull(charts.Single(r => (string?)r.Value["chart"] == "chaos-mesh").Value["count"]);
        Assert.Contains("backend \"s3\"", text, StringComparison.Ordinal);

        // No null_resource/local-exec for kubeconfig, no static credentials, no wildcard IAM actions.
        Assert.DoesNotContain(resources, r => r.Type == "null_resource");
        Assert.DoesNotContain("local-exec", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(StaticCredentials(), text);
        var wildcards = ServiceWildcards().Matches(text).Select(m => m.Value)
            .Concat(StarAction().Matches(text).Select(m => m.Value))
            .Concat(Blocks(hcl, "data").Where(d => d.Type == "aws_iam_policy_document")
                .SelectMany(d => d.Value["statement"]?.AsArray() ?? [])
                .SelectMany(statement => statement?["actions"]?.AsArray() ?? [])
                .Select(a => (string?)a).Where(a => a == "*").Select(a => a!))
            .Concat(Directory.GetFiles(Stack, "*.json", SearchOption.AllDirectories).SelectMany(f => ActionsIn(JsonNode.Parse(File.ReadAllText(f)))).Where(a => a == "*"))
            .ToArray();
        Assert.True(wildcards.Length == 0, $"wildcard IAM actions: {string.Join(", ", wildcards)}");

        // Inputs and outputs.
        foreach (var variable in Blocks(hcl, "variable"))
        {
            Assert.True(variable.Value["type"] is not null && variable.Value["description"] is not null, $"variable {variable.Name} lacks a type or description");
        }

        Assert.Contains(Blocks(hcl, "variable"), v => v.Value["validation"] is not null);
        var outputs = Blocks(hcl, "output").Select(o => o.Name).ToArray();
        foreach (var output in new[] { "cluster_name", "ecr_repository_url", "github_actions_role_arn", "certificate_arn", "api_host", "database_backup_bucket" })
        {
            Assert.Contains(output, outputs);
        }
    }

    [SkippableFact]
    public async Task The_private_bucket_module_is_versioned_encrypted_private_and_reached_over_tls_only()
    {
        var hcl = Only(await ParseAsync(), file => file.StartsWith(PrivateBucket, StringComparison.Ordinal));
        var resources = Blocks(hcl, "resource");

        Assert.Contains("prevent_destroy", Single(resources, "aws_s3_bucket").ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Enabled", (string?)Single(resources, "aws_s3_bucket_versioning")["versioning_configuration"]![0]!["status"]);
        Assert.Equal("aws:kms", (string?)Single(resources, "aws_s3_bucket_server_side_encryption_configuration")["rule"]![0]!["apply_server_side_encryption_by_default"]![0]!["sse_algorithm"]);
        var publicAccess = Single(resources, "aws_s3_bucket_public_access_block");
        foreach (var setting in new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" })
        {
            Assert.True((bool?)publicAccess[setting] == true, $"{setting} is not true");
        }

        Assert.Equal("BucketOwnerEnforced", (string?)Single(resources, "aws_s3_bucket_ownership_controls")["rule"]![0]!["object_ownership"]);
        Assert.Contains("noncurrent_version_expiration", Single(resources, "aws_s3_bucket_lifecycle_configuration").ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("aws:SecureTransport", Assert.Single(Blocks(hcl, "data"), d => d.Type == "aws_iam_policy_document").Value.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(resources, r => r.Type == "aws_s3_bucket_policy");
    }

    [SkippableFact]
    public async Task The_bootstrap_stack_creates_the_state_bucket_and_the_backend_for_it()
    {
        var hcl = Only(await ParseAsync(), file => file.StartsWith(Bootstrap, StringComparison.Ordinal));

        var bucket = Assert.Single(Blocks(hcl, "module")).Value;
        Assert.Equal("../modules/private-bucket", (string?)bucket["source"]);

        // Its outputs are the main stack's backend and the repository variables.
        var outputs = Blocks(hcl, "output").ToDictionary(o => o.Name, o => o.Value);
        Assert.Equal(["backend_hcl", "state_bucket", "state_region"], outputs.Keys.Order(StringComparer.Ordinal));
        var backend = outputs["backend_hcl"].ToJsonString();
        foreach (var setting in new[] { "bucket", "key", "region", "encrypt", "use_lockfile" })
        {
            Assert.Contains(setting, backend, StringComparison.Ordinal);
        }

        Assert.All(Blocks(hcl, "variable"), v => Assert.True(v.Value["type"] is not null && v.Value["description"] is not null, $"variable {v.Name} lacks a type or description"));
    }

    [SkippableFact]
    public async Task The_database_platform_has_the_operator_the_backup_plugin_a_private_bucket_and_a_role_for_that_bucket_only()
    {
        var hcl = Only(await ParseAsync(), file => file == "database.tf");
        var charts = Blocks(hcl, "resource").Where(r => r.Type == "helm_release").ToDictionary(r => (string)r.Value["chart"]!, r => r.Value);

        foreach (var chart in new[] { "cloudnative-pg", "plugin-barman-cloud", "cert-manager" })
        {
            Assert.True(charts.TryGetValue(chart, out var release), $"no helm_release for {chart}");
            Assert.Matches(@"^v?\d+\.\d+\.\d+$", (string?)release!["version"]);
        }

        Assert.Contains("create", charts["cloudnative-pg"].ToJsonString(), StringComparison.Ordinal); // the chart's CRDs
        Assert.Equal("./modules/private-bucket", (string?)Assert.Single(Blocks(hcl, "module")).Value["source"]);
        Assert.Contains(Blocks(hcl, "resource"), r => r.Type == "aws_eks_pod_identity_association");

        var statements = Assert.Single(Blocks(hcl, "data"), d => d.Type == "aws_iam_policy_document").Value["statement"]!.AsArray();
        var actions = statements.SelectMany(s => s!["actions"]!.AsArray()).Select(a => (string)a!).Order(StringComparer.Ordinal);
        Assert.Equal(["s3:DeleteObject", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:PutObject"], actions);
        Assert.All(statements.SelectMany(s => s!["resources"]!.AsArray()), r => Assert.StartsWith("${module.database_backups.arn}", (string?)r, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_external_database_is_opt_in_multi_az_encrypted_private_and_its_password_never_in_state()
    {
        var files = await ParseAsync();
        var hcl = Only(files, file => file == "rds.tf");
        var resources = Blocks(hcl, "resource");

        // Nothing exists unless var.external_database is set.
        Assert.All(resources, r => Assert.Equal("${local.external_database_count}", (string?)r.Value["count"]));
        Assert.Contains("var.external_database != null", hcl.ToJsonString(), StringComparison.Ordinal);

        var instance = Single(resources, "aws_db_instance");
        Assert.Equal("postgres", (string?)instance["engine"]);
        foreach (var (setting, expected) in new[] { ("multi_az", true), ("storage_encrypted", true), ("publicly_accessible", false), ("skip_final_snapshot", false), ("copy_tags_to_snapshot", true) })
        {
            Assert.True((bool?)instance[setting] == expected, $"aws_db_instance: {setting} is not {expected}");
        }

        Assert.Equal("gp3", (string?)instance["storage_type"]);
        Assert.Equal("${var.external_database.backup_retention_days}", (string?)instance["backup_retention_period"]);
        Assert.Equal("${var.external_database.deletion_protection}", (string?)instance["deletion_protection"]);

        // The password: an ephemeral value, given only to write-only arguments, the same one to the instance and the secret.
        var password = Assert.Single(Blocks(hcl, "ephemeral"), e => e.Type == "random_password");
        Assert.False((bool?)password.Value["special"] ?? true, "the password may hold characters that connection strings would need escaped");
        var ephemeral = $"ephemeral.random_password.{password.Name}[0].result";
        Assert.Null(instance["password"]);
        Assert.Equal($"${{{ephemeral}}}", (string?)instance["password_wo"]);
        Assert.Equal("${var.external_database.password_version}", (string?)instance["password_wo_version"]);
        var version = Single(resources, "aws_secretsmanager_secret_version");
        Assert.Null(version["secret_string"]);
        Assert.Contains(ephemeral, (string?)version["secret_string_wo"], StringComparison.Ordinal);
        Assert.Equal("${var.external_database.password_version}", (string?)version["secret_string_wo_version"]);

        // Reachable on 5432 from the nodes only.
        var rule = Assert.Single(resources, r => r.Type.StartsWith("aws_vpc_security_group_", StringComparison.Ordinal)).Value;
        Assert.Equal("${module.eks.node_security_group_id}", (string?)rule["referenced_security_group_id"]);
        Assert.Equal((5432, 5432, "tcp"), ((int?)rule["from_port"], (int?)rule["to_port"], (string?)rule["ip_protocol"]));
        Assert.Null(rule["cidr_ipv4"]);
        Assert.Equal("${module.vpc.private_subnets}", (string?)Single(resources, "aws_db_subnet_group")["subnet_ids"]);

        // The deploy role reads that secret and no other; the pipeline gets what it needs from the outputs.
        var github = Only(files, file => file == "iam-github.tf").ToJsonString();
        Assert.Contains("\"for_each\":\"${aws_secretsmanager_secret.external_database}\"", github, StringComparison.Ordinal);
        Assert.Contains("\"resources\":[\"${statement.value.arn}\"]", github, StringComparison.Ordinal);
        var outputs = Blocks(files, "output").Select(o => o.Name).ToArray();
        Assert.Superset(new HashSet<string> { "external_database_host", "external_database_secret_arn", "external_database_kubernetes_secret" }, outputs.ToHashSet());
        Assert.Contains(Blocks(files, "variable"), v => v.Name == "external_database" && v.Value["default"] is null);
    }

    private const string PrivateBucket = "modules/private-bucket/";

    private const string Bootstrap = "bootstrap/";

    private static JsonObject Single(List<(string Type, string Name, JsonObject Value)> resources, string type) =>
        Assert.Single(resources, r => r.Type == type).Value;

    private static JsonObject Only(JsonObject files, Func<string, bool> include) =>
        new(files.Where(f => include(f.Key)).Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())));

    private static async Task<JsonObject> ParseAsync()
    {
        NodeTools.Require();
        var parse = await NodeTools.RunAsync("hcl2json.mjs", Stack);
        var result = JsonNode.Parse(parse.Output)!.AsObject();
        Assert.True(parse.ExitCode == 0, $"HCL syntax errors: {result["errors"]}");
        Assert.NotEmpty(result["files"]!.AsObject());
        return result["files"]!.AsObject();
    }

    /// <summary>Blocks of a kind across all files: modules/variables/outputs by name, resources by (type, name).</summary>
    private static List<(string Type, string Name, JsonObject Value)> Blocks(JsonObject files, string kind)
    {
        var blocks = new List<(string, string, JsonObject)>();
        foreach (var (_, file) in files)
        {
            if (file?[kind] is not JsonObject group)
            {
                continue;
            }

            foreach (var (key, node) in group)
            {
                if (kind is "resource" or "data" or "ephemeral")
                {
                    foreach (var (name, instances) in node!.AsObject())
                    {
                        blocks.AddRange(instances!.AsArray().Select(i => (key, name, i!.AsObject())));
                    }
                }
                else
                {
                    blocks.AddRange(node!.AsArray().Select(i => (kind, key, i!.AsObject())));
                }
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"http_tokens\s*=\s*""required""")]
    private static partial Regex HttpTokensRequired();

    [GeneratedRegex(@"(?m)^\s*(access_key|secret_key)\s*=|AKIA[0-9A-Z]{16}")]
    private static partial Regex StaticCredentials();

    /// <summary>Every Action/NotAction value in an IAM policy JSON document.</summary>
    private static IEnumerable<string> ActionsIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "Action" or "NotAction"
            ? p.Value is JsonArray a ? a.Select(x => (string?)x ?? "") : [(string?)p.Value ?? ""]
            : ActionsIn(p.Value)),
        JsonArray a => a.SelectMany(ActionsIn),
        _ => [],
    };

    // "ec2:*" and the like: only ever an action.
    [GeneratedRegex(@"""[a-z0-9-]+:\*""")]
    private static partial Regex ServiceWildcards();

    // Action = "*" in jsonencode() policies.
    [GeneratedRegex(@"(?:""Action""|\bAction|\bactions)\s*[:=]\s*\[?\s*""\*""")]
    private static partial Regex StarAction();
}
