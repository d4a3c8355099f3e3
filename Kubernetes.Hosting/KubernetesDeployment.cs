using System.Globalization;
using System.Text.RegularExpressions;
using Comments.Publisher.Publishing;
using YamlDotNet.RepresentationModel;

namespace AspireK8s.Hosting;

/// <summary>What a deploy applied: the objects that changed, and the public URLs of the Ingresses.</summary>
public sealed record DeployResult(IReadOnlyList<string> Changed, IReadOnlyList<string> Urls);

/// <summary>
/// aspire deploy and aspire destroy: an overlay of the published base, rendered with kubectl kustomize, applied
/// server-side exactly as rendered, each rollout awaited; or deleted.
/// </summary>
public sealed partial class KubernetesDeployment(IKubectl kubectl)
{
    public const string FieldManager = "aspire-k8s";

    // The rendering is the truth for every field it sets: forcing takes those fields over from earlier client-side
    // applies and from kubectl rollout undo, which would otherwise conflict; fields it leaves out (the replicas the
    // HPA sets) stay with their owners.
    private static readonly string[] ServerSideApply = ["--server-side", $"--field-manager={FieldManager}", "--force-conflicts"];

    /// <summary>Every reason the overlay cannot be deployed yet, in one list; <paramref name="secretsFile"/> null checks no secrets.</summary>
    public static IReadOnlyList<string> Check(string baseDirectory, string overlayDirectory, string? secretsFile)
    {
        var problems = new List<string>();
        if (!File.Exists(Path.Combine(baseDirectory, "kustomization.yaml")))
        {
            problems.Add($"{baseDirectory} holds no published base: run aspire publish with the same --output-path first.");
        }

        if (!File.Exists(Path.Combine(overlayDirectory, "kustomization.yaml")))
        {
            var overlays = Path.GetDirectoryName(overlayDirectory)!;
            var known = Directory.Exists(overlays) ? string.Join(", ", Directory.GetDirectories(overlays).Select(Path.GetFileName)) : "none";
            problems.Add($"{overlayDirectory} is not a kustomize overlay (no kustomization.yaml; overlays there: {known}): give the overlay parameter one of them.");
        }

        if (secretsFile is not null && Path.Combine(baseDirectory, secretsFile) is var secrets && File.Exists(secrets)
            && SecretsEnvFile.EmptyKeys(SecretsEnvFile.Parse(File.ReadAllText(secrets), secrets)) is { Count: > 0 } empty)
        {
            problems.Add($"{secrets} has keys without a value: {string.Join(", ", empty)}. Fill each (KEY=value, one a line), then deploy again.");
        }

        return problems;
    }

    public async Task<DeployResult> DeployAsync(string baseDirectory, string overlayDirectory, string rendered, TimeSpan rolloutTimeout, CancellationToken cancellationToken)
    {
        if (Check(baseDirectory, overlayDirectory, new PublisherOptions().SecretsFile) is { Count: > 0 } problems)
        {
            throw new DeploymentException(problems);
        }

        var objects = await RenderAsync(overlayDirectory, rendered, cancellationToken).ConfigureAwait(false);

        // kubectl diff: 0 nothing would change, 1 something would, anything else an error (no cluster, no access).
        var diff = await kubectl.RunAsync(["diff", .. ServerSideApply, "-f", rendered], cancellationToken).ConfigureAwait(false);
        if (diff.ExitCode > 1)
        {
            throw new DeploymentException([$"kubectl diff failed ({diff.ExitCode}): {diff.Error.Trim()} Is the kubeconfig context the cluster (kubectl config current-context)?"]);
        }

        var changed = DiffHeader().Matches(diff.Output).Select(m => m.Groups["id"].Value).Distinct().ToList();
        await RunAsync(["apply", .. ServerSideApply, "-f", rendered], "kubectl apply", cancellationToken).ConfigureAwait(false);

        var seconds = ((int)rolloutTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        foreach (var o in objects.Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet"))
        {
            var target = $"{o.Kind.ToLowerInvariant()}/{o.Name}";
            var rollout = await kubectl.RunAsync(["rollout", "status", target, "-n", o.Namespace, $"--timeout={seconds}s"], cancellationToken).ConfigureAwait(false);
            if (rollout.ExitCode != 0)
            {
                throw new DeploymentException([
                    $"the rollout of {target} in namespace {o.Namespace} did not finish within {seconds} s: {rollout.Error.Trim()} " +
                    $"Look at kubectl -n {o.Namespace} describe {target} and kubectl -n {o.Namespace} get events --sort-by=.lastTimestamp; " +
                    $"kubectl -n {o.Namespace} rollout undo {target} goes back to the previous revision."]);
            }
        }

        foreach (var o in objects.Where(o => o.Kind == "Cluster" && o.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal)))
        {
            await RunAsync(["wait", "--for=condition=Ready", $"cluster.postgresql.cnpg.io/{o.Name}", "-n", o.Namespace, $"--timeout={seconds}s"],
                $"the CloudNativePG Cluster {o.Name} (kubectl cnpg status {o.Name} -n {o.Namespace})", cancellationToken).ConfigureAwait(false);
        }

        return new DeployResult(changed, objects.SelectMany(o => o.Urls).ToList());
    }

    public async Task DestroyAsync(string baseDirectory, string overlayDirectory, string rendered, CancellationToken cancellationToken)
    {
        // What was deployed is known from the base and the overlay; the secrets' values do not matter to delete it.
        if (Check(baseDirectory, overlayDirectory, secretsFile: null) is { Count: > 0 } problems)
        {
            throw new DeploymentException(problems);
        }

        await RenderAsync(overlayDirectory, rendered, cancellationToken).ConfigureAwait(false);
        await RunAsync(["delete", "-f", rendered, "--ignore-not-found", "--wait=true"], "kubectl delete", cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<RenderedObject>> RenderAsync(string overlayDirectory, string rendered, CancellationToken cancellationToken)
    {
        var build = await RunAsync(["kustomize", overlayDirectory], $"kubectl kustomize {overlayDirectory}", cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(rendered)!);
        await File.WriteAllTextAsync(rendered, build.Output, cancellationToken).ConfigureAwait(false);
        return RenderedObject.Read(build.Output);
    }

    private async Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var result = await kubectl.RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result
            : throw new DeploymentException([$"{what} failed ({result.ExitCode}): {result.Error.Trim()}"]);
    }

    // diff -u -N /tmp/LIVE-1/apps.v1.Deployment.comments.api /tmp/MERGED-1/apps.v1.Deployment.comments.api
    [GeneratedRegex(@"^diff .* /tmp/[A-Z]+-\d+/(?<id>\S+)$", RegexOptions.Multiline)]
    private static partial Regex DiffHeader();

    private sealed record RenderedObject(string ApiVersion, string Kind, string Name, string Namespace, IReadOnlyList<string> Urls)
    {
        public static List<RenderedObject> Read(string yaml)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Select(o =>
            {
                var metadata = (YamlMappingNode)o["metadata"];
                var ns = metadata.Children.TryGetValue("namespace", out var n) ? n.ToString() : "default";
                return new RenderedObject(o["apiVersion"].ToString(), o["kind"].ToString(), metadata["name"].ToString(), ns, o["kind"].ToString() == "Ingress" ? HostsOf(o) : []);
            }).ToList();
        }

        private static List<string> HostsOf(YamlMappingNode ingress)
        {
            var spec = (YamlMappingNode)ingress["spec"];
            var annotations = ((YamlMappingNode)ingress["metadata"]).Children.TryGetValue("annotations", out var a) ? (YamlMappingNode)a : new YamlMappingNode();
            var https = spec.Children.ContainsKey("tls") || annotations.Children.Any(x => x.Key.ToString().EndsWith("certificate-arn", StringComparison.Ordinal));
            return !spec.Children.TryGetValue("rules", out var rules) ? [] :
                ((YamlSequenceNode)rules).Cast<YamlMappingNode>().Where(r => r.Children.ContainsKey("host"))
                    .Select(r => $"{(https ? "https" : "http")}://{r["host"]}").ToList();
        }
    }
}
