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
    public async Task Bad_command_lines_exit_2_with_the_reason(string arguments, string expected)
    {
        var run = await Tools.PublisherAsync(["m.json", "--output", Path.Combine(_directory, "out"), .. arguments.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
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

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
