namespace Comments.TestSupport;

/// <summary>
/// The Aspire CLI (Aspire.Cli of .config/dotnet-tools.json, restored by dotnet tool restore), run as users run it:
/// dotnet aspire &lt;command&gt; from the repository root, where aspire.config.json names the AppHost.
/// </summary>
public static class AspireCli
{
    public const string Version = "13.6.5";

    public static async Task<ProcessRunner.Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var package = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "aspire.cli", Version);
        ExternalTool.Require(Directory.Exists(package)
            ? null
            : $"the Aspire CLI is not restored: run dotnet tool restore (it installs Aspire.Cli {Version} from .config/dotnet-tools.json).");
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["NO_COLOR"] = "1" };
        // The CLI builds the AppHost itself: dotnet test App.sln builds and tests projects in parallel, so a test cannot
        // count on the AppHost being built yet (--no-build fails on a clean clone).
        return await ProcessRunner.RunAsync("dotnet", ["aspire", .. arguments, "--non-interactive", "--nologo"], RepositoryRoot.Path, variables, TimeSpan.FromMinutes(5));
    }
}
