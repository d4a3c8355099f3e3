using Comments.Publisher.Expressions;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

public sealed class ExpressionResolverTests
{
    private static readonly AspireManifest Manifest = ManifestReader.Parse(
        File.ReadAllText(TestManifests.PathOf("everything.json")), "everything.json");

    private static ExpressionResolver Resolver(Problems? problems = null) => Resolver(Manifest, new Dictionary<string, string> { ["region"] = "eu-west-1" }, problems);

    private static ExpressionResolver Resolver(AspireManifest manifest, Dictionary<string, string> parameters, Problems? problems = null)
    {
        problems ??= new Problems(manifest.Source);
        return new ExpressionResolver(manifest, parameters, ServedPorts.OfWorkloads(manifest, problems), problems);
    }

    private static IReadOnlyList<string> ProblemsOf(AspireManifest manifest, Dictionary<string, string> parameters, string template, string where)
    {
        var problems = new Problems("m.json");
        Resolver(manifest, parameters, problems).Resolve(template, where);
        return problems.Lines;
    }

    [Theory]
    [InlineData("{worker.bindings.http.url}", "http://worker:9000")]
    [InlineData("{worker.bindings.http.host}", "worker")]
    [InlineData("{worker.bindings.http.port}", "9000")]
    [InlineData("{worker.bindings.http.targetPort}", "9000")]
    [InlineData("{worker.bindings.http.scheme}", "http")]
    [InlineData("{cache.bindings.tcp.port}", "6380")]
    [InlineData("{cache.bindings.tcp.targetPort}", "6379")]
    [InlineData("{web.bindings.http.targetPort}", "8080")]
    [InlineData("{web.bindings.https.targetPort}", "8080")]
    [InlineData("{web.bindings.https.url}", "http://web:8080")]
    [InlineData("{web.bindings.https.scheme}", "http")]
    [InlineData("{worker.bindings.http.hostAndPort}", "worker:9000")]
    [InlineData("{worker.bindings.http.tlsEnabled}", "false")]
    [InlineData("{mode.value}", "fast")]
    [InlineData("{mode.inputs.value}", "fast")]
    [InlineData("{region.value}", "eu-west-1")]
    [InlineData("{settings.value}", "mode=fast;worker=http://worker:9000")]
    [InlineData("no expressions {here} or {}", "no expressions {here} or {}")]
    public void Literal_expressions_resolve_to_in_cluster_values(string template, string expected)
    {
        var problems = new Problems("m.json");
        var value = Resolver(problems).Resolve(template, "test");

        Assert.Empty(problems.Lines);
        Assert.False(value.HasSecrets);
        Assert.Equal(expected, value.LiteralText);
    }

    [Fact]
    public void Connection_strings_nest_and_keep_secrets_as_references()
    {
        var resolver = Resolver();
        var endpoints = new HashSet<EndpointReference>();

        var value = resolver.Resolve("{db.connectionString}", "test", endpoints);

        Assert.Equal("Host=db;Port=5432;Username=app;Password=<secret:db-password>", value.ToString());
        Assert.Equal([new EndpointReference("db", "tcp", "tcp", NamesHost: true), new EndpointReference("db", "tcp", "tcp", NamesHost: false)], endpoints);
        Assert.Contains(resolver.SecretKeys, k => k.Key == "db-password" && k.Generate == new GenerateRules(MinLength: 24));
    }

    [Fact]
    public void A_uri_filtered_secret_becomes_a_derived_secret_key()
    {
        var resolver = Resolver();

        var value = resolver.Resolve("{db-password-encoded.value}", "test");

        Assert.Equal([new SecretSegment("db-password-encoded")], value.Segments);
        var derived = Assert.Single(resolver.SecretKeys, k => k.Key == "db-password-encoded");
        Assert.Equal("uri", derived.Filter);
        Assert.Equal("<secret:db-password>", derived.DerivedFrom!.ToString());
    }

    [Theory]
    [InlineData("{missing.value}", "refers to resource 'missing', which the manifest does not have")]
    [InlineData("{worker.bindings.admin.url}", "refers to binding 'admin', which resource 'worker' does not have")]
    [InlineData("{worker.bindings.http.path}", "unknown binding property")]
    [InlineData("{worker.outputs.id}", "unknown expression {worker.outputs.id}")]
    [InlineData("{mode.inputs.other}", "refers to input 'other'")]
    [InlineData("{settings.connectionString}", "needs field 'connectionString' of resource 'settings'")]
    [InlineData("{tool.bindings.http.url}", "refers to executable 'tool', which is not deployed")]
    public void Dangling_and_unknown_references_are_problems_that_say_where(string template, string expected)
    {
        var problem = Assert.Single(ProblemsOf(Manifest, new() { ["region"] = "x" }, template, "resource 'x', env 'Y'"));

        Assert.StartsWith("m.json: resource 'x', env 'Y'", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_once_where_it_is()
    {
        var problems = new Problems("m.json");
        var resolver = Resolver(Manifest, [], problems);

        resolver.Resolve("{region.value} {missing.value} {worker.bindings.http.path}", "resource 'a', env 'A'");
        resolver.Resolve("{region.value} {missing.value}", "resource 'b', env 'B'");

        Assert.Equal(
            [
                "m.json: resource 'region', value: parameter 'region' has no value: pass --parameter region=VALUE.",
                "m.json: resource 'a', env 'A': {missing.value} refers to resource 'missing', which the manifest does not have.",
                "m.json: resource 'a', env 'A': unknown binding property in {worker.bindings.http.path}: use url, host, port, hostAndPort, targetPort, scheme or tlsEnabled.",
                "m.json: resource 'b', env 'B': {missing.value} refers to resource 'missing', which the manifest does not have.",
            ],
            problems.Lines);
    }

    [Fact]
    public void Reference_cycles_are_errors_that_show_the_cycle()
    {
        var manifest = ManifestReader.Parse("""
            {"resources": {
              "a": {"type": "value.v0", "value": "x{b.value}"},
              "b": {"type": "value.v0", "connectionString": "{c.value}", "value": "{b.connectionString}"},
              "c": {"type": "value.v0", "value": "{a.value}"}
            }}
            """, "cycle.json");

        var problem = Assert.Single(ProblemsOf(manifest, [], "{a.value}", "start"));

        Assert.Contains("reference cycle: {a.value} -> {b.value} -> {b.connectionString} -> {c.value} -> {a.value}", problem, StringComparison.Ordinal);
    }
}
