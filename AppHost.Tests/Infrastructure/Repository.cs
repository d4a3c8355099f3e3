namespace Comments.AppHost.Tests.Infrastructure;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

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
