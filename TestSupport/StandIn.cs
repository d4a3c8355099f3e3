namespace Comments.TestSupport;

/// <summary>Stand-ins for programs the tests put first on PATH (docker, kubectl, aws): an executable script each.</summary>
public static class StandIn
{
    /// <summary>Writes <paramref name="script"/> as the executable <paramref name="directory"/>/<paramref name="name"/>, with Unix line endings; returns its path.</summary>
    public static string Write(string directory, string name, string script)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
