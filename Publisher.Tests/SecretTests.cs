using System.Text;
using Comments.Publisher.Tests.Infrastructure;
using k8s.Models;

namespace Comments.Publisher.Tests;

/// <summary>A recognisable secret planted in a parameter appears only in the git-ignored env file and in Secrets.</summary>
public sealed class SecretTests : IDisposable
{
    private const string Planted = "PLANTED-S3CRET/7f3a+9c";
    private static readonly string Encoded = Uri.EscapeDataString(Planted);

    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-secrets-").FullName;

    [SkippableFact]
    public async Task A_planted_secret_reaches_only_the_env_file_and_the_secret()
    {
        var output = Path.Combine(_directory, "base");
        var run = await Tools.PublisherAsync(TestManifests.PathOf("planted.json"), "--output", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(Planted, run.Output + run.Error, StringComparison.Ordinal);

        foreach (var file in Directory.GetFiles(output))
        {
            var text = await File.ReadAllTextAsync(file);
            var isEnvFile = Path.GetFileName(file) == "secrets.env";
            Assert.True(isEnvFile == text.Contains(Planted, StringComparison.Ordinal), $"{Path.GetFileName(file)}: planted secret {(isEnvFile ? "missing" : "present")}");
            Assert.True(isEnvFile || !text.Contains(Encoded, StringComparison.Ordinal), $"{Path.GetFileName(file)} holds the encoded secret");
        }

        // What kubectl applies: the value only inside Secret data (base64), never in clear anywhere.
        var built = await Tools.KustomizeAsync(output);
        Assert.DoesNotContain(Planted, built, StringComparison.Ordinal);
        var inSecrets = KubernetesDocuments.Split(built).Select(KubernetesDocuments.ReadStrict).OfType<V1Secret>()
            .SelectMany(s => s.Data.Values).Select(Encoding.UTF8.GetString).ToArray();
        Assert.Contains(Planted, inSecrets);
        Assert.Contains(Encoded, inSecrets);
    }

    [Fact]
    public async Task Secret_values_are_kept_between_runs_and_missing_ones_are_generated()
    {
        var output = Path.Combine(_directory, "base");
        Assert.Equal(0, (await Tools.PublisherAsync(TestManifests.PathOf("everything.json"), "--output", output, "--parameter", "region=x")).ExitCode);
        var first = await File.ReadAllTextAsync(Path.Combine(output, "secrets.env"));

        Assert.Equal(0, (await Tools.PublisherAsync(TestManifests.PathOf("everything.json"), "--output", output, "--parameter", "region=x")).ExitCode);
        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(output, "secrets.env")));

        // CI may write its own values: they are kept, and derived ones follow them.
        var values = Publishing.SecretsEnvFile.Parse(first, "secrets.env");
        Assert.True(values["db-password"].Length >= 24 && values["token"].Length >= 22);
        await File.WriteAllTextAsync(Path.Combine(output, "secrets.env"), "db-password=from ci/with+symbols\n");
        Assert.Equal(0, (await Tools.PublisherAsync(TestManifests.PathOf("everything.json"), "--output", output, "--parameter", "region=x")).ExitCode);
        var third = Publishing.SecretsEnvFile.Parse(await File.ReadAllTextAsync(Path.Combine(output, "secrets.env")), "secrets.env");
        Assert.Equal("from ci/with+symbols", third["db-password"]);
        Assert.Equal("from%20ci%2Fwith%2Bsymbols", third["db-password-encoded"]);
        Assert.NotEqual(values["token"], third["token"]); // regenerated: it was missing from the file
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
