using System.Collections.Concurrent;

namespace Comments.Api.Tests.Infrastructure;

/// <summary>Temporary directories for test data, removed when the test process exits.</summary>
public static class TestDirectories
{
    private static readonly ConcurrentBag<string> Created = [];

    static TestDirectories() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var directory in Created)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the operating system's temp cleaning takes what is left.
            }
        }
    };

    public static string Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        Created.Add(directory);
        return directory;
    }
}
