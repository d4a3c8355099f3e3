using Comments.Publisher.Manifest;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// Security settings. A pod whose user is known to be non-root gets everything the restricted Pod Security Standard
/// asks: runAsNonRoot, all capabilities dropped, no privilege escalation, seccomp RuntimeDefault. Projects (.NET
/// images) run as their "app" user (1654) on a read-only root filesystem with /tmp on an emptyDir. Other images run
/// as the user the table of known images or --run-as gives; without one they keep their image's user, which the
/// restricted level refuses, and the summary says so. With a level set, the base creates its namespace labelled to
/// enforce it.
/// </summary>
public static class PodSecurity
{
    public const long DotnetAppUser = 1654;

    /// <summary>The non-root user the pod runs as, or null when it is not known.</summary>
    public static long? User(ManifestResource resource, long? runAs) => runAs ?? resource.Kind switch
    {
        ResourceKind.Project => DotnetAppUser,
        ResourceKind.Container when resource.Image is { } image => KnownImages.UserOf(image),
        _ => null,
    };

    public static V1PodSecurityContext Pod(long? user) => new()
    {
        RunAsNonRoot = user is not null ? true : null,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    // An image that runs as root may need some capabilities (nginx changes user), so only a known non-root user drops them all.
    public static V1SecurityContext Container(ManifestResource resource, long? user) => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = resource.Kind == ResourceKind.Project,
        Privileged = false,
        Capabilities = user is not null ? new V1Capabilities { Drop = ["ALL"] } : null,
    };

    /// <summary>What the summary says of a pod whose user is not known, or null where the namespace's level admits it anyway.</summary>
    public static string? UnknownUserNote(ManifestResource resource, PodSecurityLevel? level) =>
        level is PodSecurityLevel.Baseline or PodSecurityLevel.Privileged
            ? null
            : $"runs as its image's user, which is not known to be non-root: the restricted Pod Security level{(level is null ? "" : " of the namespace")} refuses it; " +
              $"pass --run-as {resource.Name}=<uid> (WithKubernetesRunAs in the AppHost) for an image that runs as a non-root user, or " +
              (level is null ? "label the namespace pod-security.kubernetes.io/enforce=baseline" : "choose the baseline level (--pod-security baseline)");

    /// <summary>The level as the pod-security.kubernetes.io labels and the command line spell it (restricted, ...).</summary>
    public static string Label(PodSecurityLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The namespace the base creates, enforcing <paramref name="level"/> and warning and auditing at it too.</summary>
    public static V1Namespace Namespace(string name, PodSecurityLevel level)
    {
        var value = Label(level);
        return new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = new Dictionary<string, string>
                {
                    ["pod-security.kubernetes.io/enforce"] = value,
                    ["pod-security.kubernetes.io/audit"] = value,
                    ["pod-security.kubernetes.io/warn"] = value,
                },
            },
        };
    }
}

/// <summary>The Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/).</summary>
public enum PodSecurityLevel
{
    Restricted,
    Baseline,
    Privileged,
}
