using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>The command as users run it: precise messages, exit codes, and never a partial output directory.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-cli-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Without_arguments_it_prints_usage_and_exits_2()
    {
        var run = await Tools.PublisherAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: aspire-k8s-publisher", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bogus", "unknown option --bogus")]
    [InlineData("--output", "--output needs a value")]
    [InlineData("--image api", "--image expects <name>=<value>")]
    [InlineData("--run-as postgres=0", "--run-as postgres=0: the user id must be a positive number")]
    [InlineData("--min-replicas 5 --max-replicas 2", "--min-replicas (5) is above --max-replicas (2)")]
    [InlineData("--probe api=/health", "--probe expects <resource>=<kind>:<path> with kind readiness, liveness or startup")]
    [InlineData("--probe api=ready:/health", "--probe expects <resource>=<kind>:<path>")]
    [InlineData("--probe api=liveness:alive", "--probe: the path must start with '/', got 'alive'")]
    [InlineData("--metrics api=metrics", "--metrics: the path must start with '/'")]
    [InlineData("--database postgres=cnpg", "--database expects <resource>=cloudnativepg[:<instances>] or <resource>=external:<secret>")]
    [InlineData("--database postgres=cloudnativepg:0", "--database expects a positive number, got '0'")]
    [InlineData("--pod-security strict", "--pod-security expects restricted, baseline or privileged, got 'strict'")]
    [InlineData("--database postgres=external:Comments_DB", "--database expects <resource>=cloudnativepg[:<instances>] or <resource>=external:<secret> (a Secret name")]
    public async Task Bad_command_lines_exit_2_with_the_reason(string arguments, string expected)
    {
        var run = await Tools.PublisherAsync(["m.json", "--output", Path.Combine(_directory, "out"), .. arguments.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
    }

    [Fact]
    public async Task Every_problem_of_a_command_line_is_listed_in_one_run()
    {
        var run = await Tools.PublisherAsync(["--bogus", "--run-as", "postgres=0", "--pod-security", "strict", "--min-replicas", "5", "--max-replicas", "2"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [
                "error: unknown option --bogus.",
                "error: --run-as postgres=0: the user id must be a positive number (not root).",
                "error: --pod-security expects restricted, baseline or privileged, got 'strict'.",
                "error: no manifest given.",
                "error: --output <dir> is required.",
                "error: --min-replicas (5) is above --max-replicas (2).",
                "Run with --help for usage.",
            ],
            run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_missing_manifest_exits_1()
    {
        var run = await Tools.PublisherAsync(Path.Combine(_directory, "nope.json"), "--output", Path.Combine(_directory, "out"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.json: file not found", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resources\": {\n  \"api\": }", "bad.json:2:10: invalid JSON")]
    [InlineData("""{"resources": {"db": {"type": "postgres.server.v0"}}}""", "resource 'db' has type 'postgres.server.v0', a form of the Aspire 8 previews (before 8.0 GA)")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "env": {"X": "{db.connectionString}"}}}}""", "resource 'api', env 'X': {db.connectionString} refers to resource 'db', which the manifest does not have")]
    [InlineData("""{"resources": {"a": {"type": "value.v0", "value": "{b.value}"}, "b": {"type": "value.v0", "value": "{a.value}"}}}""", "reference cycle: {b.value} -> {a.value} -> {b.value}")]
    [InlineData("""{"resources": {"api": {"type": "project.v0", "env": {"X": "{api.secretOutputs.key}"}}}}""", "unknown expression {api.secretOutputs.key}")]
    [InlineData("""{"resources": {"dns": {"type": "container.v0", "image": "dns", "bindings": {"dns": {"scheme": "dns", "protocol": "quic", "targetPort": 53}}}}}""", "resource 'dns', binding 'dns': protocol 'quic' is not one Kubernetes supports (tcp, udp or sctp)")]
    public async Task Manifests_that_cannot_be_published_exit_1_and_leave_the_existing_base_alone(string manifest, string expected)
    {
        var output = Path.Combine(_directory, "base");
        Assert.Equal(0, (await Tools.PublisherAsync(TestManifests.PathOf("planted.json"), "--output", output)).ExitCode);
        var before = Snapshot(output);

        var run = await Tools.PublisherAsync(Write("bad.json", manifest), "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(output));
        Assert.Single(Directory.GetDirectories(_directory)); // no staging directory left behind
    }

    [Fact]
    public async Task Executables_are_left_out_with_a_note_and_the_rest_is_written()
    {
        var manifest = Write("exe.json", """
            {"resources": {
              "tool": {"type": "executable.v0", "command": "python"},
              "api": {"type": "project.v0", "bindings": {"http": {"scheme": "http", "protocol": "tcp", "transport": "http"}}}
            }}
            """);

        var run = await Tools.PublisherAsync(manifest, "--output", Path.Combine(_directory, "out"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("left out: an executable runs on a developer machine, not in a cluster", run.Output, StringComparison.Ordinal);
        Assert.Contains("api       project.v0", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "out", "api-deployment.yaml")));
    }

    [Fact]
    public async Task It_refuses_to_replace_a_directory_that_is_not_a_generated_base()
    {
        var output = Path.Combine(_directory, "precious");
        Directory.CreateDirectory(output);
        Write("precious/notes.txt", "keep me");

        var run = await Tools.PublisherAsync(TestManifests.PathOf("planted.json"), "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not a generated base", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Fact]
    public async Task Every_problem_of_a_manifest_is_listed_in_one_run()
    {
        var manifest = Write("many.json", """
            {"resources": {
              "db": {"type": "postgres.server.v0"},
              "cache": {"type": "redis.v0"},
              "tool": {"type": "executable.v0", "command": "python", "bindings": {"http": {"scheme": "http", "targetPort": 9000}}},
              "region": {"type": "parameter.v0", "value": "{region.inputs.value}", "inputs": {"value": {"type": "string"}}},
              "zone": {"type": "parameter.v0", "value": "{zone.inputs.value}", "inputs": {"value": {"type": "string"}}},
              "api": {"type": "project.v0", "env": {
                "A": "{region.value}", "B": "{zone.value}", "C": "{nope.connectionString}", "D": "{tool.bindings.http.url}",
                "E": "{api.bindings.http.nonsense}"},
                "bindings": {"http": {"scheme": "http"}}}
            }}
            """);

        var run = await Tools.PublisherAsync(manifest, "--output", Path.Combine(_directory, "out"), "--probe", "web=readiness:/health");

        Assert.Equal(1, run.ExitCode);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, errors.Length);
        Assert.All(errors, e => Assert.StartsWith($"error: {manifest}: ", e, StringComparison.Ordinal));
        foreach (var expected in new[]
                 {
                     "resource 'db' has type 'postgres.server.v0'", "resource 'cache' has type 'redis.v0'",
                     "parameter 'region' has no value: pass --parameter region=VALUE", "parameter 'zone' has no value",
                     "resource 'api', env 'C': {nope.connectionString} refers to resource 'nope'",
                     "resource 'api', env 'D': {tool.bindings.http.url} refers to executable 'tool', which is not deployed",
                     "resource 'api', env 'E': unknown binding property", "options are given for resource 'web', which is not a project or container",
                 })
        {
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }

        Assert.Contains("8 problems; nothing was written.", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
    }

    [Fact]
    public async Task A_secret_without_a_value_is_left_to_fill_and_the_printed_advice_works_when_followed()
    {
        var manifest = Write("apikey.json", """
            {"resources": {
              "apikey": {"type": "parameter.v0", "value": "{apikey.inputs.value}", "inputs": {"value": {"type": "string", "secret": true}}},
              "api": {"type": "project.v0", "env": {"API_KEY": "{apikey.value}"}, "bindings": {"http": {"scheme": "http"}}}
            }}
            """);
        var output = Path.Combine(_directory, "fresh");

        var first = await Tools.PublisherAsync(manifest, "--output", output);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Fill before deploy: apikey in {Path.Combine(output, "secrets.env")}", first.Output, StringComparison.Ordinal);
        Assert.Contains("apikey=\n", File.ReadAllText(Path.Combine(output, "secrets.env")), StringComparison.Ordinal);

        // Followed literally, in a folder of its own before any publish, and in the base itself.
        var prepared = Path.Combine(_directory, "prepared");
        Directory.CreateDirectory(prepared);
        Write("prepared/secrets.env", "apikey=from-the-user\n");
        Assert.Equal(0, (await Tools.PublisherAsync(manifest, "--output", prepared)).ExitCode);
        Assert.Contains("apikey=from-the-user\n", File.ReadAllText(Path.Combine(prepared, "secrets.env")), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(output, "secrets.env"), "apikey=filled\n");
        var second = await Tools.PublisherAsync(manifest, "--output", output);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("Fill before deploy", second.Output, StringComparison.Ordinal);
        Assert.Contains("apikey=filled\n", File.ReadAllText(Path.Combine(output, "secrets.env")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
