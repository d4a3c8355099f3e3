namespace Comments.TestSupport;

/// <summary>Copies of deploy/k8s folders for tests that build or change them, without the git-ignored .env files.</summary>
public static class DeployFolder
{
    /// <summary>Copies deploy/k8s/<paramref name="folder"/> (or all of deploy/k8s) to <paramref name="to"/>, .env files left out.</summary>
    public static void Copy(string folder, string to)
    {
        var from = folder.Length == 0 ? RepositoryRoot.Combine("deploy", "k8s") : RepositoryRoot.Combine("deploy", "k8s", folder);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".env", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
