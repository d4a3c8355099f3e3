namespace Comments.TestSupport;

/// <summary>
/// Tests that need a program from the machine (PostgreSQL, Chromium) call <see cref="Require"/>: under CI
/// (<c>CI=true</c>) a missing tool fails the test with the reason; elsewhere the test is skipped with it.
/// </summary>
public static class ExternalTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(string? unavailableReason)
    {
        if (unavailableReason is null)
        {
            return;
        }

        if (IsCi)
        {
            throw new InvalidOperationException($"Required tool missing under CI: {unavailableReason}");
        }

        Skip.If(true, unavailableReason);
    }

    /// <summary>Full path of <paramref name="name"/> on PATH or in one of <paramref name="extraDirectories"/>, or null.</summary>
    public static string? Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
