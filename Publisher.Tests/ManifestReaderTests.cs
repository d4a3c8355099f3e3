using Comments.Publisher.Manifest;

namespace Comments.Publisher.Tests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Invalid_json_is_reported_with_line_and_column()
    {
        var error = Assert.Throws<PublishException>(() => ManifestReader.Parse("{\n  \"resources\": {\n    \"api\": { \"type\": \"project.v0\", }\n    oops\n}", "m.json"));

        Assert.StartsWith("m.json:4:5: invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "not an Aspire manifest")]
    [InlineData("""{"resources": {"api": {}}}""", "resource 'api', field 'type' is required")]
    [InlineData("""{"resources": {"api": {"type": 3}}}""", "resource 'api', field 'type' must be a string")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "env": {"A": 1}}}}""", "resource 'api', field 'env.A' must be a string")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "bindings": {"http": {"targetPort": "80"}}}}}""", "resource 'api', field 'bindings.http.targetPort' must be a port number")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "bindings": {"http": {"targetPort": 70000}}}}}""", "field 'bindings.http.targetPort' must be a port number")]
    [InlineData("""{"resources": {"db": {"type": "container.v0", "volumes": [{"name": "v"}]}}}""", "resource 'db', field 'volumes[0].target' is required")]
    [InlineData("""{"resources": {"p": {"type": "parameter.v0", "inputs": {"value": {"secret": "yes"}}}}}""", "resource 'p', field 'inputs.value.secret' must be true or false")]
    [InlineData("""{"resources": {"p": {"type": "parameter.v0", "inputs": {"value": {"default": {"generate": {"upper": false, "minUpper": 2}}}}}}}""", "resource 'p', field 'inputs.value.default.generate.minUpper' must be 0 when 'upper' is false")]
    [InlineData("""{"resources": {"p": {"type": "parameter.v0", "inputs": {"value": {"default": {"generate": {"lower": false, "upper": false, "numeric": false, "special": false}}}}}}}""", "field 'inputs.value.default.generate.special' leaves no character to generate from")]
    [InlineData("""{"resources": {"ui": {"type": "container.v1", "build": {"context": ".", "buildOnly": "true"}}}}""", "resource 'ui', field 'build.buildOnly' must be true or false")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "containerFiles": {"ui": {"sources": ["/app/dist"]}}}}}""", "resource 'api', field 'containerFiles.ui.destination' is required")]
    public void Wrong_shapes_name_the_resource_and_field(string json, string expected)
    {
        var error = Assert.Throws<PublishException>(() => ManifestReader.Parse(json, "m.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_manifest_reads_completely()
    {
        var manifest = ManifestReader.Parse(File.ReadAllText(RepositoryRoot.Combine("aspire-manifest.json")), "aspire-manifest.json");

        var api = manifest.Find("api")!;
        Assert.Equal(ResourceKind.Project, api.Kind);
        Assert.Contains(api.Env, e => e.Key == "ConnectionStrings__comments" && e.Value == "{comments.connectionString}");
        Assert.Equal(["http", "https"], api.Bindings.Select(b => b.Name));
        Assert.True(api.Bindings[0].External);
        Assert.Equal(5432, manifest.Find("postgres")!.Bindings.Single().TargetPort);
        Assert.Equal(new GenerateRules(MinLength: 22), manifest.Find("postgres-password")!.Inputs["value"].Generate);
    }

    [Fact]
    public void A_build_only_image_and_the_files_another_image_takes_from_it_are_read()
    {
        var manifest = ManifestReader.Parse("""
            {"resources": {
              "api": {"type": "project.v0", "path": "Api.csproj", "containerFiles": {"ui": {"destination": "./wwwroot", "sources": ["/app/dist", "/app/assets"]}}},
              "ui": {"type": "container.v1", "build": {"context": "../ui", "dockerfile": "ui.Dockerfile", "buildOnly": true}},
              "ssr": {"type": "container.v1", "build": {"context": "../ssr", "dockerfile": "Dockerfile", "buildOnly": false}}
            }}
            """, "m.json");

        var files = Assert.Single(manifest.Find("api")!.ContainerFiles);
        Assert.Equal(("ui", "./wwwroot"), (files.Source, files.Destination));
        Assert.Equal(["/app/dist", "/app/assets"], files.Paths);
        Assert.Equal(ResourceKind.BuildOnly, manifest.Find("ui")!.Kind);
        Assert.False(manifest.Find("ui")!.IsWorkload);
        Assert.Equal(ResourceKind.Build, manifest.Find("ssr")!.Kind);
    }

}
