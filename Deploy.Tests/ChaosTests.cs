using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>
/// deploy/chaos validated offline: the Chaos Mesh fields and enums each experiment uses, selectors that match
/// objects the production overlay really has, Go durations, and a kustomize build.
/// </summary>
public sealed partial class ChaosTests
{
    private static readonly string Chaos = RepositoryRoot.Combine("deploy", "chaos");
    private static readonly string[] ConcurrencyPolicies = ["Forbid", "Allow"];
    private static readonly string[] NetworkActions = ["delay", "loss", "duplicate", "corrupt", "partition", "bandwidth"];
    private static readonly string[] Directions = ["to", "from", "both"];
    private static readonly string[] PodActions = ["pod-kill", "pod-failure", "container-kill"];
    private static readonly string[] Modes = ["one", "all", "fixed", "fixed-percent", "random-max-percent"];

    public static TheoryData<string> Experiments() => new(Directory.GetFiles(Chaos, "*.yaml").Select(Path.GetFileName).Where(n => n != "kustomization.yaml")!);

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Each_experiment_is_well_formed_and_targets_real_workloads(string file)
    {
        var root = Load(Path.Combine(Chaos, file));
        Assert.Equal("chaos-mesh.org/v1alpha1", Scalar(root, "apiVersion"));
        var kind = Scalar(root, "kind");
        Assert.Equal("comments", Scalar(Map(root, "metadata"), "namespace"));
        Assert.False(string.IsNullOrEmpty(Scalar(Map(root, "metadata"), "name")));
        var spec = Map(root, "spec");

        switch (kind)
        {
            case "Schedule":
                Assert.Matches(ScheduleExpression(), Scalar(spec, "schedule"));
                Assert.Contains(Scalar(spec, "concurrencyPolicy"), ConcurrencyPolicies);
                Assert.Equal("PodChaos", Scalar(spec, "type"));
                CheckPodChaos(Map(spec, "podChaos"));
                break;
            case "PodChaos":
                CheckPodChaos(spec);
                break;
            case "NetworkChaos":
                Assert.Contains(Scalar(spec, "action"), NetworkActions);
                CheckSelector(spec);
                Assert.Contains(Scalar(spec, "direction"), Directions);
                CheckSelector(Map(spec, "target"));
                Assert.Matches(GoDuration(), Scalar(Map(spec, "delay"), "latency"));
                Assert.Matches(GoDuration(), Scalar(spec, "duration"));
                break;
            default:
                Assert.Fail($"{file}: unexpected kind {kind}");
                break;
        }
    }

    [SkippableFact]
    public async Task The_experiments_build_with_kubectl_kustomize()
    {
        ExternalTool.Require(ExternalTool.Find("kubectl") is null ? "kubectl is not installed." : null);

        var build = await ProcessRunner.RunAsync("kubectl", ["kustomize", Chaos]);

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Equal(3, Regex.Count(build.Output, "^kind: ", RegexOptions.Multiline));
    }

    private static void CheckPodChaos(YamlMappingNode spec)
    {
        Assert.Contains(Scalar(spec, "action"), PodActions);
        CheckSelector(spec);
    }

    /// <summary>mode and selector as Chaos Mesh expects them, pointing at app.kubernetes.io/name labels the base emits.</summary>
    private static void CheckSelector(YamlMappingNode spec)
    {
        Assert.Contains(Scalar(spec, "mode"), Modes);
        var selector = Map(spec, "selector");
        Assert.Equal(["comments"], ((YamlSequenceNode)selector.Children[new YamlScalarNode("namespaces")]).Children.Select(n => ((YamlScalarNode)n).Value));
        var name = Scalar(Map(selector, "labelSelectors"), "app.kubernetes.io/name");
        Assert.True(File.Exists(RepositoryRoot.Combine("deploy", "k8s", "base", $"{name}-service.yaml")), $"no workload '{name}' in deploy/k8s/base");
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    [GeneratedRegex(@"^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"^(@every (\d+(ms|s|m|h))+|@(hourly|daily|weekly)|(\S+\s+){4}\S+)$")]
    private static partial Regex ScheduleExpression();
}
