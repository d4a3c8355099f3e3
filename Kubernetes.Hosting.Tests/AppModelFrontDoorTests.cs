using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using AspireK8s.Hosting;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Comments.Kubernetes.Hosting.Tests;

/// <summary>
/// The app-model front door: an AppHost's model in publish mode, written in memory as Aspire writes the manifest,
/// with the options its annotations give, through the Publisher's transformation.
/// </summary>
public sealed class AppModelFrontDoorTests
{
    [Fact]
    public async Task Probes_replicas_and_settings_of_the_app_model_reach_the_objects()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = ["--operation", "publish", "--publisher", "manifest"], DisableDashboard = true });
        var environment = builder.AddKubernetesEnvironment("k8s").WithReplicaBounds(2, 8).WithIngressClass("nginx")
            .WithNamespace("newsroom").WithPodSecurity(PodSecurityLevel.Baseline).WithDashboard();
        builder.AddContainer("web", "nginxinc/nginx-unprivileged", "1.29")
            .WithHttpEndpoint(targetPort: 8080, name: "http")
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/healthz", endpointName: "http")
            .WithHttpProbe(ProbeType.Liveness, "/livez", endpointName: "http")
            .WithAnnotation(new ReplicaAnnotation(3))
            .WithKubernetesResources(cpuRequest: "50m", memoryLimit: "64Mi")
            .WithKubernetesIngressHost("web.newsroom.dev")
            .PublishAsKubernetesService(service => service.PodTemplate.Metadata.Annotations = new Dictionary<string, string> { ["team"] = "newsroom" });
        builder.AddContainer("worker", "newsroom/worker", "2.0").WithoutKubernetesAutoscaling().WithAnnotation(new ReplicaAnnotation(2)).WithKubernetesRunAs(4242);

        using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var options = AppModelOptions.From(model, environment.Resource, _ => "{}");
        var json = await AppModelManifest.WriteAsync(model, app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), Path.Combine(Path.GetTempPath(), "aspire-manifest.json"), CancellationToken.None);
        var result = KubernetesPublisher.Publish(ManifestReader.Parse(json, "the app model"), options);

        Assert.DoesNotContain("\"k8s\"", json, StringComparison.Ordinal); // the environment is not a resource of the manifest
        Assert.Equal([new HttpProbe(ProbeKind.Readiness, "/healthz"), new HttpProbe(ProbeKind.Liveness, "/livez")], options.Resources["web"].HttpProbes);
        var web = Read<V1Deployment>(result, "web-deployment.yaml");
        var container = web.Spec.Template.Spec.Containers[0];
        Assert.Equal("/healthz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/livez", container.LivenessProbe.HttpGet.Path);
        Assert.Equal(("50m", "64Mi", "1"), (container.Resources.Requests["cpu"].ToString(), container.Resources.Limits["memory"].ToString(), container.Resources.Limits["cpu"].ToString()));
        Assert.Equal("newsroom", web.Spec.Template.Metadata.Annotations["team"]);
        // A container is not an app: WithReplicas sets its count; no autoscaler.
        Assert.Equal(3, web.Spec.Replicas);
        Assert.Equal("web.newsroom.dev", Read<V1Ingress>(result, "web-ingress.yaml").Spec.Rules[0].Host);
        Assert.Equal("nginx", Read<V1Ingress>(result, "web-ingress.yaml").Spec.IngressClassName);

        var created = Read<V1Namespace>(result, "newsroom-namespace.yaml");
        Assert.Equal("baseline", created.Metadata.Labels["pod-security.kubernetes.io/enforce"]);

        Assert.Equal(AspireDashboard.DefaultImage, Read<V1Deployment>(result, "aspire-dashboard-deployment.yaml").Spec.Template.Spec.Containers[0].Image);

        var worker = Read<V1Deployment>(result, "worker-deployment.yaml");
        Assert.Equal(2, worker.Spec.Replicas);
        Assert.Equal(4242, worker.Spec.Template.Spec.SecurityContext.RunAsUser);
        Assert.DoesNotContain(result.Files, f => f.Name.EndsWith("-horizontalpodautoscaler.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Images_built_only_for_their_files_and_resources_left_out_of_the_manifest_are_not_deployed()
    {
        var directory = Directory.CreateTempSubdirectory("static-frontend-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "ui"));
            File.WriteAllText(Path.Combine(directory, "ui", "Dockerfile"), "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n");
            File.WriteAllText(Path.Combine(directory, "Web.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = ["--operation", "publish", "--publisher", "manifest"], DisableDashboard = true });
            var environment = builder.AddKubernetesEnvironment("k8s");
            // What AddViteApp gives: a Dockerfile build without an entrypoint, whose /app/dist other images copy.
            var ui = builder.AddResource(new StaticFrontend("ui")).WithImage("ui").WithDockerfile(Path.Combine(directory, "ui")).WithContainerFilesSource("/app/dist")
                .WithHttpEndpoint(targetPort: 5173, env: "PORT").WithHttpHealthCheck("/");
            ui.Resource.Annotations.OfType<DockerfileBuildAnnotation>().Single().HasEntrypoint = false;
            builder.AddProject("web", Path.Combine(directory, "Web.csproj")).WithHttpEndpoint(name: "http").WithExternalHttpEndpoints()
                .PublishWithContainerFiles(ui, "./wwwroot");
            builder.AddContainer("mailpit", "axllent/mailpit", "v1.29").WithHttpEndpoint(targetPort: 8025).WithHttpHealthCheck("/livez")
                .ExcludeFromManifest(); // a tool for development only

            using var app = builder.Build();
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var json = await AppModelManifest.WriteAsync(model, app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), Path.Combine(directory, "aspire-manifest.json"), CancellationToken.None);
            var result = KubernetesPublisher.Publish(ManifestReader.Parse(json, "the app model"), AppModelOptions.From(model, environment.Resource, _ => "{}"));

            Assert.DoesNotContain(result.Files, f => f.Name.StartsWith("ui-", StringComparison.Ordinal));
            Assert.Contains(result.Files, f => f.Name == "web-deployment.yaml");
            Assert.Equal("left out: built only for its files, which 'web' copies into its image (containerFiles)", result.Summary.Single(s => s.Resource == "ui").Notes);
            Assert.Contains("its image must hold /app/dist of 'ui' at ./wwwroot", result.Summary.Single(s => s.Resource == "web").Notes, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class StaticFrontend(string name) : ContainerResource(name), IResourceWithContainerFiles;

    private static T Read<T>(PublishResult result, string name) => KubernetesYaml.Deserialize<T>(result.Files.Single(f => f.Name == name).Content);
}
