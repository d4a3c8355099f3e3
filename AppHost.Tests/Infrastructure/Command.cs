using Comments.Api.Tests.Infrastructure;

namespace Comments.AppHost.Tests.Infrastructure;

public static class Command
{
    public static Task<ProcessRunner.Result> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(program, arguments, workingDirectory, timeout: timeout ?? TimeSpan.FromMinutes(2));

    public const string Configuration = ProcessRunner.Configuration;
}
