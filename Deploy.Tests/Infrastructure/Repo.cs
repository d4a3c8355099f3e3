using Comments.Api.Tests.Infrastructure;

namespace Comments.Deploy.Tests.Infrastructure;

public static class Repo
{
    public static string Path(params string[] parts) => RepositoryRoot.Combine(parts);

    public static Task<ProcessRunner.Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(program, arguments, workingDirectory, timeout: timeout);
}
