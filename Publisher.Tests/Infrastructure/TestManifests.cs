namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>The manifests of Publisher.Tests/Manifests, copied next to the tests.</summary>
public static class TestManifests
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);
}
