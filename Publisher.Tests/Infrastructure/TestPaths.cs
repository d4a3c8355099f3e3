using Comments.Api.Tests.Infrastructure;

namespace Comments.Publisher.Tests.Infrastructure;

public static class TestPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Repo(params string[] parts) => RepositoryRoot.Combine(parts);

    public static string Manifest(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);
}
