using Comments.Api.Tests.Infrastructure;

namespace Comments.AppHost.Tests.Infrastructure;

public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string PathOf(params string[] parts) => RepositoryRoot.Combine(parts);
}
