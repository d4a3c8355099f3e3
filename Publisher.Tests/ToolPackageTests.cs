using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>The publisher as users get it: packed as a .NET tool, installed from the package, run on this repository.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private const string PackageId = "AspireK8s.Publisher";
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-tool-").FullName;

    [Fact]
    public async Task The_installed_tool_writes_the_repository_base()
    {
        var packages = Path.Combine(_directory, "nupkg");
        var pack = await Tools.RunAsync("dotnet", ["pack", RepositoryRoot.Combine("Publisher"), "-c", "Release", "-o", packages]);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}\n{pack.Error}");
        var package = Assert.Single(Directory.GetFiles(packages, $"{PackageId}.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)[(PackageId.Length + 1)..];

        // A package cache of its own: the user's cache may hold an older build under the same version.
        var tools = Path.Combine(_directory, "tools");
        var install = await Tools.RunAsync(
            "dotnet",
            ["tool", "install", PackageId, "--version", version, "--tool-path", tools, "--add-source", packages],
            environment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_directory, "cache") });
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed:\n{install.Output}\n{install.Error}");

        var output = Path.Combine(_directory, "base");
        await Tools.ManifestRouteAsync(output, Path.Combine(tools, "aspire-k8s"));

        var differences = await Tools.DifferencesAsync(RepositoryRoot.Combine("deploy", "k8s", "base"), output);
        Assert.True(differences.Length == 0, $"the installed aspire-k8s writes another base:\n{differences}");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
