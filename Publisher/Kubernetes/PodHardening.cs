using Comments.Publisher.Manifest;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// Security settings. Projects (our .NET images) run as the .NET images' non-root "app" user (1654) on a read-only
/// root filesystem with /tmp on an emptyDir. Third-party containers keep their image's user unless
/// <c>--run-as</c> gives one; every container drops all capabilities and cannot escalate privileges.
/// </summary>
public static class PodHardening
{
    public const long DotnetAppUser = 1654;

    public static V1PodSecurityContext Pod(ManifestResource resource, long? runAs)
    {
        var user = resource.Kind == ResourceKind.Container ? runAs : runAs ?? DotnetAppUser;
        return new V1PodSecurityContext
        {
            RunAsNonRoot = user is not null ? true : null,
            RunAsUser = user,
            RunAsGroup = user,
            FsGroup = user,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        };
    }

    public static V1SecurityContext Container(ManifestResource resource) => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = resource.Kind != ResourceKind.Container,
        Privileged = false,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };
}
