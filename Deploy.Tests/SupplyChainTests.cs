using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>The vulnerability gate of .ci/run: NuGet's findings as `dotnet list package --vulnerable` reports them.</summary>
public sealed class SupplyChainTests
{
    private static readonly string Script = RepositoryRoot.Combine(".ci", "vulnerable-packages.py");

    [SkippableTheory]
    [InlineData("Critical", 1, "error: /src/Api/Api.csproj: Example.Package 1.2.3 has a critical vulnerability: https://github.com/advisories/GHSA-0000")]
    [InlineData("High", 1, "1 known high or critical vulnerabilities")]
    [InlineData("Moderate", 0, "warning: /src/Api/Api.csproj: Example.Package 1.2.3 has a moderate vulnerability")]
    public async Task High_and_critical_findings_fail_and_lower_ones_are_listed(string severity, int exitCode, string expected)
    {
        var report = $$"""
            {"version": 1, "projects": [{"path": "/src/Api/Api.csproj", "frameworks": [{"framework": "net10.0",
              "topLevelPackages": [],
              "transitivePackages": [{"id": "Example.Package", "resolvedVersion": "1.2.3",
                "vulnerabilities": [{"severity": "{{severity}}", "advisoryurl": "https://github.com/advisories/GHSA-0000"}]}]}]}]}
            """;

        var run = await RunAsync(report);

        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}:\n{run.Output}{run.Error}");
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_report_with_problems_fails_and_says_which()
    {
        var run = await RunAsync("""{"version": 1, "problems": [{"project": "/src/Api/Api.csproj", "text": "No assets file was found.", "level": "error"}], "projects": []}""");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: /src/Api/Api.csproj: No assets file was found.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependabot_keeps_every_ecosystem_current_in_grouped_pull_requests()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryRoot.Combine(".github", "dependabot.yml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("2", root["version"].ToString());
        var updates = ((YamlSequenceNode)root["updates"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["docker", "github-actions", "npm", "nuget", "terraform"], updates.Select(u => u["package-ecosystem"].ToString()).Order(StringComparer.Ordinal));
        foreach (var update in updates)
        {
            Assert.True(update.Children.ContainsKey("groups"), $"{update["package-ecosystem"]} updates are not grouped");
            var folders = update.Children.TryGetValue("directories", out var many)
                ? ((YamlSequenceNode)many).Children.Select(d => d.ToString())
                : [update["directory"].ToString()];
            Assert.All(folders, folder => Assert.True(Directory.Exists(RepositoryRoot.Combine(folder.TrimStart('/'))), $"{folder} does not exist"));
        }

        // Every Terraform configuration that constrains its providers, the stacks and the module, is kept current.
        var terraform = updates.Single(u => u["package-ecosystem"].ToString() == "terraform");
        var covered = ((YamlSequenceNode)terraform["directories"]).Children.Select(d => d.ToString()).ToHashSet();
        var constrained = Directory.GetFiles(RepositoryRoot.Combine("deploy", "terraform"), "*.tf", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && File.ReadAllText(f).Contains("required_providers", StringComparison.Ordinal))
            .Select(f => "/" + Path.GetRelativePath(RepositoryRoot.Path, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'));
        Assert.All(constrained, folder => Assert.Contains(folder, covered));
    }

    [Fact]
    public async Task The_sbom_of_the_api_lists_its_packages_at_the_versions_it_builds_with()
    {
        var output = Directory.CreateTempSubdirectory("comments-sbom-").FullName;
        try
        {
            // As pipe.yaml makes it: the local tool from .config/dotnet-tools.json.
            var restore = await ProcessRunner.RunAsync("dotnet", ["tool", "restore"]);
            Assert.True(restore.ExitCode == 0, $"dotnet tool restore failed:\n{restore.Output}{restore.Error}");
            var sbom = await ProcessRunner.RunAsync("dotnet", ["dotnet-CycloneDX", "Api/Api.csproj", "-o", output, "-F", "Json"]);
            Assert.True(sbom.ExitCode == 0, $"CycloneDX failed:\n{sbom.Output}{sbom.Error}");

            using var bom = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "bom.json")));
            Assert.Equal("CycloneDX", bom.RootElement.GetProperty("bomFormat").GetString());
            Assert.Equal("Api", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
            var components = bom.RootElement.GetProperty("components").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("purl").GetString());
            var pinned = System.Xml.Linq.XDocument.Load(RepositoryRoot.Combine("Directory.Packages.props")).Descendants("PackageVersion")
                .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
            // Direct packages of the api and of ServiceDefaults, and one that only comes transitively.
            foreach (var package in new[] { "Aspire.Npgsql", "Scalar.AspNetCore", "OpenTelemetry.Exporter.OpenTelemetryProtocol" })
            {
                Assert.Equal($"pkg:nuget/{package}@{pinned[package]}", components.GetValueOrDefault(package));
            }

            Assert.Contains("Npgsql", components.Keys);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<ProcessRunner.Result> RunAsync(string report)
    {
        ExternalTool.Require(ExternalTool.Find("python3") is null ? "python3 is not installed." : null);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, report);
            return await ProcessRunner.RunAsync("bash", ["-c", $"python3 '{Script}' < '{file}'"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
