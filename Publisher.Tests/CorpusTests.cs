using Comments.Publisher.Kubernetes;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// The corpus (Manifests/corpus): synthetic manifests of the shapes Aspire 8 to 13 write for typical apps. Each
/// publishes through the command line into a base that kubectl kustomize builds, whose every object reads strictly
/// as its Kubernetes type and passes the semantic checks (BaseChecker) against what the manifest implies; or it is
/// refused with the full list of its problems. See Manifests/corpus/README.md for what each file reproduces.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    /// <summary>The options a user of each manifest would give; probes and scrape endpoints are only what is declared here.</summary>
    private static readonly Dictionary<string, string[]> Arguments = new(StringComparer.Ordinal)
    {
        ["starter-redis.json"] = ["--probe", "apiservice=readiness:/health", "--probe", "apiservice=liveness:/alive", "--probe", "webfrontend=readiness:/health"],
        ["eshop-style.json"] = ["--metrics", "catalog-api=/metrics"],
        // The in-cluster dashboard and a namespace the base creates, on the shape most apps start from.
        ["aspire13-starter.json"] = ["--aspire-dashboard", "--namespace", "shop", "--pod-security", "restricted"],
    };

    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-corpus-").FullName;

    public static TheoryData<string> Publishable() => new(PublishableNames());

    public static IEnumerable<string> PublishableNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Manifests", "corpus"), "*.json")
            .Select(f => Path.GetFileName(f))
            .Where(name => !Refused.ContainsKey(name))
            .Order(StringComparer.Ordinal);

    /// <summary>Publishes a corpus manifest through the command line, with its options, and builds the base with kubectl.</summary>
    public static async Task<(string Built, string Summary)> PublishAndBuildAsync(string name, string directory)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "Manifests", "corpus", name);
        var output = Path.Combine(directory, Path.GetFileNameWithoutExtension(name));
        var run = await Tools.PublisherAsync([manifest, "--output", output, .. Arguments.GetValueOrDefault(name) ?? []]);
        Assert.True(run.ExitCode == 0, $"{name} was refused:\n{run.Error}");
        return (await Tools.KustomizeAsync(output), run.Output);
    }

    /// <summary>Manifests that must be refused, with a part of every problem line they must give.</summary>
    private static readonly Dictionary<string, string[]> Refused = new(StringComparer.Ordinal)
    {
        ["many-problems.json"] =
        [
            "resource 'pg' has type 'postgres.server.v0', a form of the Aspire 8 previews",
            "resource 'cache' has type 'redis.v0', a form of the Aspire 8 previews",
            "resource 'messaging' has type 'rabbitmq.server.v0', a form of the Aspire 8 previews",
            "parameter 'smtp-host' has no value: pass --parameter smtp-host=VALUE",
            "parameter 'smtp-port' has no value: pass --parameter smtp-port=VALUE",
            "parameter 'support-email' has no value: pass --parameter support-email=VALUE",
            "resource 'api', env 'ConnectionStrings__nope': {nope.connectionString} refers to resource 'nope', which the manifest does not have",
            "resource 'api', env 'Search__Url': {search.bindings.http.url} refers to resource 'search', which the manifest does not have",
            "resource 'api', env 'SelfCheck__Weird': unknown binding property in {api.bindings.http.nonsense}",
            "resource 'api', env 'services__reporting__http__0': {reporting.bindings.http.url} refers to executable 'reporting', which is not deployed",
        ],
        ["more-problems.json"] =
        [
            "resource 'frontend', env 'CLOCK_URL': {talking-clock.bindings.http.url} refers to 'talking-clock', which Aspire could not write to the manifest (\"This resource does not support generation in the manifest.\")",
            "resource 'frontend', env 'TUNNEL_URL': {api.bindings.tunnel.url} refers to binding 'tunnel', which resource 'api' does not have",
            "resource 'frontend', env 'services__storefront__http__0': {storefront.bindings.http.url} refers to 'storefront', whose image is built only for the files other images copy from it",
        ],
        ["names.json"] =
        [
            "resources 'Catalog.API' and 'catalog_api' would all be named 'catalog-api' in Kubernetes: rename all but one in the AppHost",
            "resources 'Web-App' and 'web.app' would all be named 'web-app' in Kubernetes: rename all but one in the AppHost",
        ],
        ["node-python-executables.json"] =
        [
            "resource 'bff', env 'services__frontend__http__0': {frontend.bindings.http.url} refers to executable 'frontend', which is not deployed",
            "resource 'bff', env 'services__nodeapi__http__0': {nodeapi.bindings.http.url} refers to executable 'nodeapi', which is not deployed",
            "resource 'bff', env 'services__pyapi__http__0': {pyapi.bindings.http.url} refers to executable 'pyapi', which is not deployed",
        ],
    };

    public static TheoryData<string> RefusedManifests() => new(Refused.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(RefusedManifests))]
    public async Task Each_manifest_that_cannot_be_published_is_refused_with_all_its_problems_at_once(string name)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "Manifests", "corpus", name);
        var output = Path.Combine(_directory, Path.GetFileNameWithoutExtension(name));

        var run = await Tools.PublisherAsync(manifest, "--output", output);

        Assert.Equal(1, run.ExitCode);
        var errors = run.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Refused[name].Length, errors.Length);
        foreach (var expected in Refused[name])
        {
            Assert.Contains(errors, e => e.StartsWith($"error: {manifest}: ", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
        }

        Assert.Contains($"{errors.Length} problems; nothing was written.", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [SkippableTheory]
    [MemberData(nameof(Publishable))]
    public async Task Each_manifest_publishes_a_sound_base(string name)
    {
        var (built, summary) = await PublishAndBuildAsync(name, _directory);
        foreach (var document in KubernetesDocuments.Split(built))
        {
            KubernetesDocuments.ReadStrict(document);
        }

        var manifest = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", "corpus", name));
        var problems = BaseChecker.Check(built, Expectations(manifest, Arguments.GetValueOrDefault(name) ?? []));
        Assert.True(problems.Count == 0, $"{name}: {problems.Count} problems in the base:\n{string.Join("\n", problems)}\n\n{summary}");
    }

    [SkippableFact]
    public async Task PostgreSQL_before_18_initialises_its_data_in_a_folder_of_the_volume()
    {
        var (built, _) = await PublishAndBuildAsync("eshop-style.json", _directory);

        var postgres = KubernetesDocuments.Split(built).Select(KubernetesDocuments.ReadStrict).OfType<k8s.Models.V1StatefulSet>().Single(s => s.Metadata.Name == "postgres");
        var container = postgres.Spec.Template.Spec.Containers.Single();
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/var/lib/postgresql/data");
        Assert.Contains(container.Env, e => e is { Name: "PGDATA", Value: "/var/lib/postgresql/data/pgdata" });
    }

    [SkippableFact]
    public async Task Images_built_only_for_their_files_are_not_deployed_and_the_images_that_take_the_files_say_so()
    {
        var (built, summary) = await PublishAndBuildAsync("static-frontends.json", _directory);

        var objects = KubernetesDocuments.Split(built).Select(KubernetesDocuments.ReadStrict).ToList();
        Assert.DoesNotContain(objects, o => o.Metadata.Name is "webfrontend" or "reactapp" or "adminui" or "storybook");
        Assert.Contains(objects, o => o is k8s.Models.V1Deployment { Metadata.Name: "ssr" }); // a JavaScript server of its own runs
        var lines = summary.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("webfrontend ", StringComparison.Ordinal) && l.Contains("left out: built only for its files, which 'server' copies into its image", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("storybook ", StringComparison.Ordinal) && l.Contains("no resource copies them", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gateway ", StringComparison.Ordinal) && l.Contains("its image must hold /app/dist of 'adminui' at /app/wwwroot", StringComparison.Ordinal));
        // AddDockerComposeEnvironment("env"), which Aspire writes as an error entry, deploys nothing itself.
        Assert.Contains(lines, l => l.StartsWith("env ", StringComparison.Ordinal) && l.Contains("left out: Aspire could not write it to the manifest, and nothing refers to it", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task External_bindings_that_are_not_HTTP_get_a_load_balancer_and_HTTP_ones_the_ingress()
    {
        var (built, summary) = await PublishAndBuildAsync("grpc-and-udp.json", _directory);

        var objects = KubernetesDocuments.Split(built).Select(KubernetesDocuments.ReadStrict).ToList();
        var balancer = objects.OfType<k8s.Models.V1Service>().Single(s => s.Metadata.Name == "gameserver-external");
        Assert.Equal("LoadBalancer", balancer.Spec.Type);
        Assert.Equal("ip", balancer.Metadata.Annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"]);
        Assert.Equal([("UDP", 7777), ("TCP", 27015)], balancer.Spec.Ports.Select(p => (p.Protocol, p.Port)));
        Assert.Equal("gameserver", balancer.Spec.Selector["app.kubernetes.io/name"]);
        var ingress = objects.OfType<k8s.Models.V1Ingress>().Single(i => i.Metadata.Name == "gameserver");
        Assert.Equal(8080, ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Port.Number);
        // Nothing else is published outside the cluster, and the one external HTTP port the Ingress leaves out is named.
        Assert.Single(objects.OfType<k8s.Models.V1Service>(), s => s.Spec.Type == "LoadBalancer");
        Assert.Single(ingress.Spec.Rules[0].Http.Paths);
        Assert.Contains("external binding stats is not on Ingress gameserver, whose host goes to admin: add a rule for port 9090", summary, StringComparison.Ordinal);
    }

    private static BaseExpectations Expectations(string manifest, string[] arguments)
    {
        var declared = arguments.Zip(arguments.Skip(1)).Where(a => a.First is "--probe" or "--metrics")
            .Select(a => (Option: a.First, Resource: a.Second.Split('=')[0], Setting: a.Second.Split('=', 2)[1]))
            .ToList();
        return new BaseExpectations
        {
            References = ManifestReferences.Of(manifest).ToDictionary(r => Names.Service(r.Key), r => (IReadOnlyList<string>)r.Value.Select(Names.Service).ToList()),
            // The dashboard's image is a .NET app too.
            DotnetWorkloads = ManifestReferences.Projects(manifest).Select(Names.Service)
                .Concat(arguments.Contains("--aspire-dashboard") ? [AspireDashboard.Name] : []).ToHashSet(),
            DeclaredHttpProbes = declared.Where(d => d.Option == "--probe").GroupBy(d => Names.Service(d.Resource))
                .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(d => d.Setting.Split(':', 2)[1]).ToHashSet()),
            DeclaredMetrics = declared.Where(d => d.Option == "--metrics").ToDictionary(d => Names.Service(d.Resource), d => d.Setting),
        };
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
