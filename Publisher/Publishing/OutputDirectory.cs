using Comments.Publisher.Manifest;

namespace Comments.Publisher.Publishing;

/// <summary>
/// Writes a publish result as a whole: into a fresh sibling directory first, then swapped in for the old one, so an
/// error never leaves a half-written base. The secrets file of the previous base is kept (its values matter).
/// </summary>
public static class OutputDirectory
{
    public static string? ReadExistingSecrets(string directory, PublisherOptions options)
    {
        var path = Path.Combine(directory, options.SecretsFile);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public static void Write(string directory, PublishResult result, PublisherOptions options)
    {
        var target = Path.GetFullPath(directory);
        // A folder that holds only the secrets file is where a user filled secrets before the first publish.
        if (Directory.Exists(target)
            && !File.Exists(Path.Combine(target, KubernetesPublisher.KustomizationFile))
            && Directory.EnumerateFileSystemEntries(target).Any(e => Path.GetFileName(e) != options.SecretsFile))
        {
            throw new PublishException(
                $"{directory} exists and is not a generated base (no {KubernetesPublisher.KustomizationFile}); refusing to replace it: " +
                "give --output a new or empty folder, or the folder of a base this tool wrote.");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.new-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in result.Files)
            {
                var path = Path.Combine(staging, file.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }

            if (result.SecretsFileText is { } secrets)
            {
                var path = Path.Combine(staging, options.SecretsFile);
                File.WriteAllText(path, secrets);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            var previous = Directory.Exists(target) ? $"{staging}.old" : null;
            if (previous is not null)
            {
                Directory.Move(target, previous);
            }

            Directory.Move(staging, target);
            if (previous is not null)
            {
                Directory.Delete(previous, recursive: true);
            }
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }
}
