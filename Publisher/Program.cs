using Comments.Publisher.Cli;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;

// The I/O shell around KubernetesPublisher: read the files, publish, write the base, print what was emitted.
try
{
    if (args is [] or ["-h"] or ["--help"])
    {
        Console.WriteLine(CommandLine.Usage);
        return args.Length == 0 ? 2 : 0;
    }

    var invocation = CommandLine.Parse(args);
    if (!File.Exists(invocation.ManifestPath))
    {
        throw new PublishException($"{invocation.ManifestPath}: file not found.");
    }

    var manifest = ManifestReader.Parse(File.ReadAllText(invocation.ManifestPath), invocation.ManifestPath);
    var dashboards = invocation.DashboardFiles.Select(path => File.Exists(path)
        ? KeyValuePair.Create(Path.GetFileName(path), File.ReadAllText(path))
        : throw new PublishException($"{path}: dashboard file not found.")).ToList();
    var options = invocation.Options with { Dashboards = dashboards };

    var secretsPath = Path.Combine(invocation.OutputDirectory, options.SecretsFile);
    var existingSecrets = OutputDirectory.ReadExistingSecrets(invocation.OutputDirectory, options) is { } text
        ? SecretsEnvFile.Parse(text, secretsPath)
        : null;

    var result = KubernetesPublisher.Publish(manifest, options, existingSecrets);
    OutputDirectory.Write(invocation.OutputDirectory, result, options);

    Console.Write(SummaryTable.Format(result.Summary));
    Console.WriteLine($"Wrote {result.Files.Count} files to {invocation.OutputDirectory}.");
    if (result.GeneratedSecrets.Count > 0)
    {
        Console.WriteLine($"Generated {string.Join(", ", result.GeneratedSecrets)} in {secretsPath} (never commit it).");
    }

    if (result.FillBeforeDeploy.Count > 0)
    {
        Console.WriteLine($"Fill before deploy: {string.Join(", ", result.FillBeforeDeploy)} in {secretsPath}, one KEY=value line each; " +
            "publishing again keeps them, and deploying refuses while one is empty.");
    }

    foreach (var warning in result.Warnings)
    {
        Console.Error.WriteLine($"warning: {warning}");
    }

    return 0;
}
catch (UsageException ex)
{
    foreach (var problem in ex.Message.Split('\n'))
    {
        Console.Error.WriteLine($"error: {problem}");
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}
catch (PublishException ex)
{
    foreach (var problem in ex.Problems)
    {
        Console.Error.WriteLine($"error: {problem}");
    }

    Console.Error.WriteLine(ex.Problems.Count == 1 ? "1 problem; nothing was written." : $"{ex.Problems.Count} problems; nothing was written.");
    return 1;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}
