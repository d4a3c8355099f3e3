using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;
using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

public sealed class ExpressionResolverTests
{
    private static readonly AspireManifest Manifest = ManifestReader.Parse(
        File.ReadAllText(TestManifests.PathOf("everything.json")), "everything.json");

    private static ExpressionResolver Resolver() => new(Manifest, new Dictionary<string, string> { ["region"] = "eu-west-1" });

    [Theory]
    [InlineData("{worker.bindings.http.url}", "http://worker:9000")]
    [InlineData("{worker.bindings.http.host}", "worker")]
    [InlineData("{worker.bindings.http.port}", "9000")]
    [InlineData("{worker.bindings.http.targetPort}", "9000")]
    [InlineData("{worker.bindings.http.scheme}", "http")]
    [InlineData("{cache.bindings.tcp.port}", "6380")]
    [InlineData("{cache.bindings.tcp.targetPort}", "6379")]
    [InlineData("{web.bindings.http.targetPort}", "8080")]
    [InlineData("{web.bindings.https.targetPort}", "8443")]
    [InlineData("{mode.value}", "fast")]
    [InlineData("{mode.inputs.value}", "fast")]
    [InlineData("{region.value}", "eu-west-1")]
    [InlineData("{settings.value}", "mode=fast;worker=http://worker:9000")]
    [InlineData("no expressions {here} or {}", "no expressions {here} or {}")]
    public void Literal_expressions_resolve_to_in_cluster_values(string template, string expected)
    {
        var value = Resolver().Resolve(template, "test");

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
        Assert.Equal([new EndpointReference("db", "tcp")], endpoints);
        Assert.Contains(resolver.SecretKeys, k => k.Key == "db-password" && k.GenerateMinLength == 24);
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
    [InlineData("{tool.connectionString}", "needs field 'connectionString' of resource 'tool'")]
    public void Dangling_and_unknown_references_are_errors_that_say_where(string template, string expected)
    {
        var error = Assert.Throws<PublishException>(() => Resolver().Resolve(template, "resource 'x', env 'Y'"));

        Assert.StartsWith("resource 'x', env 'Y'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_a_value_asks_for_one()
    {
        var error = Assert.Throws<PublishException>(() => new ExpressionResolver(Manifest, new Dictionary<string, string>()).Resolve("{region.value}", "here"));

        Assert.Contains("parameter 'region' has no value: pass --parameter region=VALUE", error.Message, StringComparison.Ordinal);
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

        var error = Assert.Throws<PublishException>(() => new ExpressionResolver(manifest, new Dictionary<string, string>()).Resolve("{a.value}", "start"));

        Assert.Contains("reference cycle: {a.value} -> {b.value} -> {b.connectionString} -> {c.value} -> {a.value}", error.Message, StringComparison.Ordinal);
    }
}
