using Aspire.Hosting.Pipelines;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AspireK8s.Hosting;

/// <summary>The environment's steps in the AppHost's pipeline: publish (part of aspire publish), deploy and destroy.</summary>
internal static class KubernetesPipelineSteps
{
    public static IEnumerable<PipelineStep> Create(KubernetesEnvironmentResource environment)
    {
        var publish = new PipelineStep
        {
            Name = $"publish-{environment.Name}",
            Description = $"Writes the kustomize base of {environment.Name}",
            Action = context => PublishAsync(context, environment),
        };
        publish.DependsOn(WellKnownPipelineSteps.PublishPrereq);
        publish.RequiredBy(WellKnownPipelineSteps.Publish);

        var deploy = new PipelineStep
        {
            Name = $"deploy-{environment.Name}",
            Description = $"Applies an overlay of {environment.Name}'s base and waits for the rollouts",
            Tags = [WellKnownPipelineTags.DeployCompute],
            Action = context => DeployAsync(context, environment),
        };
        deploy.DependsOn(WellKnownPipelineSteps.DeployPrereq);
        deploy.DependsOn(publish);
        deploy.RequiredBy(WellKnownPipelineSteps.Deploy);

        var destroy = new PipelineStep
        {
            Name = $"destroy-{environment.Name}",
            Description = $"Deletes what the overlay of {environment.Name} applied",
            Action = context => DestroyAsync(context, environment),
        };
        destroy.DependsOn(WellKnownPipelineSteps.DestroyPrereq);
        destroy.RequiredBy(WellKnownPipelineSteps.Destroy);
        return [publish, deploy, destroy];
    }

    private static string Output(PipelineStepContext context) => context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();

    private static async Task PublishAsync(PipelineStepContext context, KubernetesEnvironmentResource environment)
    {
        var output = Output(context);
        var baseDirectory = Path.Combine(output, environment.BaseFolder);
        var appHost = context.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        var json = await AppModelManifest.WriteAsync(context.Model, context.ExecutionContext, Path.Combine(output, "aspire-manifest.json"), context.CancellationToken).ConfigureAwait(false);

        var options = AppModelOptions.From(context.Model, environment, file => File.ReadAllText(Path.Combine(appHost, file)));
        var secretsPath = Path.Combine(baseDirectory, options.SecretsFile);
        var existing = OutputDirectory.ReadExistingSecrets(baseDirectory, options) is { } text ? SecretsEnvFile.Parse(text, secretsPath) : null;
        PublishResult result;
        try
        {
            result = KubernetesPublisher.Publish(ManifestReader.Parse(json, "the app model"), options, existing);
        }
        catch (PublishException ex)
        {
            throw new InvalidOperationException($"{ex.Problems.Count} problem(s); nothing was written:{Environment.NewLine}{string.Join(Environment.NewLine, ex.Problems.Select(p => $"error: {p}"))}", ex);
        }

        OutputDirectory.Write(baseDirectory, result, options);
        context.ReportingStep.Log(LogLevel.Information, SummaryTable.Format(result.Summary));
        foreach (var warning in result.Warnings)
        {
            context.ReportingStep.Log(LogLevel.Warning, warning);
        }

        if (result.FillBeforeDeploy.Count > 0)
        {
            context.ReportingStep.Log(LogLevel.Warning,
                $"Fill before deploy: {string.Join(", ", result.FillBeforeDeploy)} in {secretsPath}, one KEY=value line each; aspire deploy refuses while one is empty.");
        }

        context.Summary.Add("Kubernetes base", baseDirectory);
        await context.ReportingStep.SucceedAsync($"Wrote {result.Files.Count} files to {baseDirectory}", context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task DeployAsync(PipelineStepContext context, KubernetesEnvironmentResource environment)
    {
        var (baseDirectory, overlay) = await LocateAsync(context, environment).ConfigureAwait(false);
        var rendered = Path.Combine(context.Services.GetRequiredService<IPipelineOutputService>().GetTempDirectory(environment), "rendered.yaml");
        var deployment = new KubernetesDeployment(context.Services.GetService<IKubectl>() ?? new KubectlProcess());
        var result = await deployment.DeployAsync(baseDirectory, overlay, rendered, environment.RolloutTimeout, context.CancellationToken).ConfigureAwait(false);

        context.ReportingStep.Log(LogLevel.Information, $"Changed: {(result.Changed.Count == 0 ? "nothing" : string.Join(", ", result.Changed))}");
        foreach (var url in result.Urls)
        {
            context.Summary.Add("URL", url);
        }

        context.Summary.Add("Changed", result.Changed.Count == 0 ? "nothing" : string.Join(", ", result.Changed));
        await context.ReportingStep.SucceedAsync($"Deployed {overlay}: {string.Join(" ", result.Urls)}", context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task DestroyAsync(PipelineStepContext context, KubernetesEnvironmentResource environment)
    {
        var (baseDirectory, overlay) = await LocateAsync(context, environment).ConfigureAwait(false);
        if (!context.Services.GetRequiredService<IOptions<PipelineOptions>>().Value.SkipConfirmation)
        {
            throw new DeploymentException([$"destroy deletes everything {overlay} applied: run aspire destroy --yes to confirm."]);
        }

        var rendered = Path.Combine(context.Services.GetRequiredService<IPipelineOutputService>().GetTempDirectory(environment), "rendered.yaml");
        await new KubernetesDeployment(context.Services.GetService<IKubectl>() ?? new KubectlProcess()).DestroyAsync(baseDirectory, overlay, rendered, context.CancellationToken).ConfigureAwait(false);
        context.Summary.Add("Deleted", overlay);
    }

    private static async Task<(string Base, string Overlay)> LocateAsync(PipelineStepContext context, KubernetesEnvironmentResource environment)
    {
        var output = Output(context);
        var overlay = environment.Overlay is { } parameter
            ? await parameter.GetValueAsync(context.CancellationToken).ConfigureAwait(false)
            : null;
        if (string.IsNullOrWhiteSpace(overlay))
        {
            throw new DeploymentException([$"no overlay to deploy: give {environment.Name} one with WithOverlay(builder.AddParameter(\"overlay\")) and its value (Parameters:overlay)."]);
        }

        return (Path.Combine(output, environment.BaseFolder), Path.Combine(output, environment.OverlaysFolder, overlay));
    }
}
