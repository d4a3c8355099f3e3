namespace Comments.Publisher.Tests.Infrastructure;

public static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Repo(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Manifest(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "App.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No App.sln above {AppContext.BaseDirectory}.");
    }
}
