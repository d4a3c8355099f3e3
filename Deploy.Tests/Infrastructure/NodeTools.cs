namespace Comments.Deploy.Tests.Infrastructure;

/// <summary>The npm checkers in Deploy.Tests/node (installed by .ci/run with npm ci), run with node.</summary>
public static class NodeTools
{
    public static string Directory => RepositoryRoot.Combine("Deploy.Tests", "node");

    public static void Require()
    {
        ExternalTool.Require(ExternalTool.Find("node") is null ? "node is not installed." : null);
        ExternalTool.Require(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules"))
            ? null
            : "the npm checkers are not installed: run npm ci --prefix Deploy.Tests/node");
    }

    public static Task<ProcessRunner.Result> RunAsync(string script, params string[] arguments) =>
        ProcessRunner.RunAsync("node", [Path.Combine(Directory, script), .. arguments], Directory);

    public static Task<ProcessRunner.Result> NpxAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(Path.Combine(Directory, "node_modules", ".bin", tool), arguments, Directory);
}
