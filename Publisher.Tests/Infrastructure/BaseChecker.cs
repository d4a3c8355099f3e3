using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Comments.Publisher.Kubernetes;
using k8s;
using k8s.Models;

namespace Comments.Publisher.Tests.Infrastructure;

/// <summary>
/// Semantic checks of a built kustomize base (what <c>kubectl kustomize</c> prints): its objects agree with each other
/// (addresses, selectors, ports, key references, network policies), carry .NET defaults only where they belong, and have
/// names Kubernetes accepts. The schema check is KubernetesDocuments.ReadStrict; here objects are read leniently.
/// </summary>
public static partial class BaseChecker
{
    /// <summary>The .NET images' non-root "app" user.</summary>
    private const long DotnetAppUser = 1654;

    /// <summary>Stands in for a <c>$(VAR)</c> reference: no host, port or path character matches it.</summary>
    private const string Unknown = "\u0001";

    private static readonly Dictionary<string, int> DefaultPorts = new() { ["http"] = 80, ["https"] = 443, ["ws"] = 80, ["wss"] = 443 };

    private static readonly string[] DotnetPortVariables = ["HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS"];

    private static readonly string[] DotnetProbePaths = ["/health", "/alive"];

    /// <summary>Every problem found, one line each ("api Deployment: env X points at db:5433, which no port of Service db serves"); empty when sound.</summary>
    public static IReadOnlyList<string> Check(string kustomizeOutput, BaseExpectations expectations)
    {
        var objects = BuiltBase.Parse(kustomizeOutput);
        return
        [
            .. Addresses(objects),
            .. ServiceSelectors(objects),
            .. WorkloadSelectors(objects),
            .. DisruptionBudgetSelectors(objects),
            .. AutoscalerTargets(objects),
            .. ServiceMonitorSelectors(objects),
            .. PodMonitorSelectors(objects),
            .. NetworkPolicySelectors(objects),
            .. StatefulSetServices(objects),
            .. KeyReferences(objects),
            .. NetworkAccess(objects, expectations),
            .. DotnetDefaults(objects, expectations),
            .. HttpProbes(objects, expectations),
            .. Monitors(objects, expectations),
            .. ObjectNames(objects),
            .. StatefulSetNames(objects),
            .. PodNames(objects),
            .. LabelValues(objects),
            .. DataKeys(objects),
            .. Duplicates(objects),
        ];
    }

    /// <summary>
    /// Rule 1: a <c>host:port</c> or <c>scheme://host[:port]</c> in an env value or argument whose host is a Service
    /// (<c>name</c>, <c>name.namespace</c>, <c>name.namespace.svc</c>, <c>name.namespace.svc.cluster.local</c>) uses a
    /// port that Service serves; a URL without a port uses its scheme's default port. <c>$(VAR)</c> parts are unknown,
    /// and secretKeyRef values cannot be read: neither is checked.
    /// </summary>
    private static IEnumerable<string> Addresses(BuiltBase objects)
    {
        foreach (var workload in objects.Workloads)
        {
            foreach (var (container, field, address, service) in ServiceAddresses(objects, workload))
            {
                var served = (service.Spec?.Ports ?? []).Select(p => p.Port).ToArray();
                var port = address.Port ?? address.DefaultPort;
                var where = $"{workload.Field(container, field)} points at {address}";
                if (port is null)
                {
                    yield return $"{workload}: {where}, which has no port (Service {service.Name()} serves {Show(served)})";
                }
                else if (int.TryParse(port, CultureInfo.InvariantCulture, out var number) && !served.Contains(number))
                {
                    var implicitly = address.Port is null ? $" (the {address.Scheme} default port {number})" : "";
                    yield return $"{workload}: {where}{implicitly}, which no port of Service {service.Name()} serves ({Show(served)})";
                }
            }
        }
    }

    /// <summary>
    /// The addresses in a workload's env values and args whose host is a Service of the base. A service discovery URI
    /// (https+http://api) is resolved by the app from its configuration, and a pod whose own name is a host alias
    /// reaches itself without its Service: neither counts.
    /// </summary>
    private static IEnumerable<(V1Container Container, string Field, Address Address, V1Service Service)> ServiceAddresses(BuiltBase objects, Workload workload)
    {
        foreach (var container in workload.Containers)
        {
            var values = (container.Env ?? []).Where(e => e.Value is not null).Select(e => (Field: $"env {e.Name}", e.Value))
                .Concat((container.Args ?? []).Select((a, i) => (Field: $"args[{i}]", Value: a)));
            foreach (var (field, value) in values)
            {
                foreach (var address in FindAddresses(value))
                {
                    if (address.Scheme?.Contains('+', StringComparison.Ordinal) != true
                        && !workload.HostAliases.Contains(address.Host.Split('.')[0])
                        && objects.ServiceAt(address.Host, workload.Namespace) is { } service)
                    {
                        yield return (container, field, address, service);
                    }
                }
            }
        }
    }

    /// <summary>Rule 2: a Service selector matches a pod template, and each targetPort is a container port of every pod it selects.</summary>
    private static IEnumerable<string> ServiceSelectors(BuiltBase objects)
    {
        foreach (var service in objects.Services.Where(s => s.Spec?.Selector is { Count: > 0 }))
        {
            var selector = SelectorOf(service);
            var workloads = objects.WorkloadsSelectedBy(selector, service.Namespace());
            if (workloads.Count == 0)
            {
                yield return $"{Subject(service)}: spec.selector {Show(selector)} matches no Deployment or StatefulSet pod template";
            }

            foreach (var port in service.Spec.Ports ?? [])
            {
                foreach (var workload in workloads.Where(w => w.PortServing(port) is null))
                {
                    yield return $"{Subject(service)}: port {port.Name ?? port.Port.ToString(CultureInfo.InvariantCulture)} targetPort {TargetOf(port)} is not a {port.Protocol ?? "TCP"} container port of {workload}";
                }
            }
        }
    }

    /// <summary>Rule 2: a Deployment's or StatefulSet's selector matches its own pod template (the API server refuses it otherwise).</summary>
    private static IEnumerable<string> WorkloadSelectors(BuiltBase objects) =>
        objects.Workloads.Where(w => w.Selector is null || !Matches(w.Selector, w.PodLabels))
            .Select(w => $"{w}: spec.selector {Show(w.Selector)} does not match its pod template's labels");

    /// <summary>Rule 2: a PodDisruptionBudget selects pods of the base.</summary>
    private static IEnumerable<string> DisruptionBudgetSelectors(BuiltBase objects) =>
        objects.DisruptionBudgets.Where(b => b.Spec?.Selector is null || objects.WorkloadsSelectedBy(b.Spec.Selector, b.Namespace()).Count == 0)
            .Select(b => $"{Subject(b)}: spec.selector {Show(b.Spec?.Selector)} matches no Deployment or StatefulSet pod template");

    /// <summary>Rule 2: an HPA's scaleTargetRef names a Deployment or StatefulSet of the base.</summary>
    private static IEnumerable<string> AutoscalerTargets(BuiltBase objects)
    {
        foreach (var autoscaler in objects.Autoscalers)
        {
            var target = autoscaler.Spec?.ScaleTargetRef;
            if (!objects.Workloads.Any(w => w.Kind == target?.Kind && w.Name == target.Name && w.Namespace == autoscaler.Namespace()))
            {
                yield return $"{Subject(autoscaler)}: spec.scaleTargetRef {target?.Kind}/{target?.Name} names no Deployment or StatefulSet in the base";
            }
        }
    }

    /// <summary>Rule 2: a ServiceMonitor selects Services of the base, and each endpoint port is a port name of one of them.</summary>
    private static IEnumerable<string> ServiceMonitorSelectors(BuiltBase objects)
    {
        foreach (var monitor in objects.ServiceMonitors)
        {
            var services = objects.ServicesSelectedBy(monitor);
            if (services.Count == 0)
            {
                yield return $"{Subject(monitor)}: spec.selector {Show(monitor.Spec.Selector)} matches no Service's labels";
                continue;
            }

            foreach (var (endpoint, i) in monitor.Spec.Endpoints.Select((e, i) => (e, i)))
            {
                if (!services.Any(s => (s.Spec?.Ports ?? []).Any(p => p.Name == endpoint.Port)))
                {
                    yield return $"{Subject(monitor)}: spec.endpoints[{i}].port {endpoint.Port} is not a port name of Service {string.Join(", ", services.Select(s => s.Name()))}";
                }
            }
        }
    }

    /// <summary>Rule 2: a PodMonitor selects pods of the base.</summary>
    private static IEnumerable<string> PodMonitorSelectors(BuiltBase objects) =>
        objects.PodMonitors.Where(m => objects.WorkloadsSelectedBy(m.Spec.Selector, m.Namespace()).Count == 0)
            .Select(m => $"{Subject(m)}: spec.selector {Show(m.Spec.Selector)} matches no Deployment or StatefulSet pod template");

    /// <summary>Rule 2: a NetworkPolicy's podSelector, unless it is the empty one (every pod), matches a pod template.</summary>
    private static IEnumerable<string> NetworkPolicySelectors(BuiltBase objects) =>
        objects.NetworkPolicies.Where(p => !IsEmpty(p.Spec?.PodSelector) && objects.WorkloadsSelectedBy(p.Spec!.PodSelector, p.Namespace()).Count == 0)
            .Select(p => $"{Subject(p)}: spec.podSelector {Show(p.Spec.PodSelector)} matches no Deployment or StatefulSet pod template");

    /// <summary>Rule 2: a StatefulSet's serviceName is a headless Service (clusterIP: None) of the base.</summary>
    private static IEnumerable<string> StatefulSetServices(BuiltBase objects)
    {
        foreach (var set in objects.StatefulSets.Where(s => s.Spec?.ServiceName is not null))
        {
            var service = objects.Services.FirstOrDefault(s => s.Name() == set.Spec.ServiceName && s.Namespace() == set.Namespace());
            if (service is null)
            {
                yield return $"{Subject(set)}: spec.serviceName {set.Spec.ServiceName} names no Service in the base";
            }
            else if (service.Spec?.ClusterIP != "None")
            {
                yield return $"{Subject(set)}: spec.serviceName {set.Spec.ServiceName} is not a headless Service (clusterIP: None)";
            }
        }
    }

    /// <summary>
    /// Rule 3: every secretKeyRef and configMapKeyRef names a Secret or ConfigMap of the base (by its name after kustomize,
    /// hash suffix included) that holds the key (an empty value counts); every envFrom source exists. Optional ones may be missing.
    /// </summary>
    private static IEnumerable<string> KeyReferences(BuiltBase objects)
    {
        foreach (var workload in objects.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { Optional: not true } secret)
                    {
                        var keys = objects.SecretKeys(secret.Name, workload.Namespace);
                        if (Missing("Secret", secret.Name, secret.Key, keys) is { } problem)
                        {
                            yield return $"{workload}: {workload.Field(container, $"env {variable.Name}")} secretKeyRef {problem}";
                        }
                    }

                    if (variable.ValueFrom?.ConfigMapKeyRef is { Optional: not true } map)
                    {
                        var keys = objects.ConfigMapKeys(map.Name, workload.Namespace);
                        if (Missing("ConfigMap", map.Name, map.Key, keys) is { } problem)
                        {
                            yield return $"{workload}: {workload.Field(container, $"env {variable.Name}")} configMapKeyRef {problem}";
                        }
                    }
                }

                foreach (var (source, i) in (container.EnvFrom ?? []).Select((s, i) => (s, i)))
                {
                    if (source.SecretRef is { Optional: not true } secret && objects.SecretKeys(secret.Name, workload.Namespace) is null)
                    {
                        yield return $"{workload}: {workload.Field(container, $"envFrom[{i}]")} secretRef names Secret {secret.Name}, which is not in the base";
                    }

                    if (source.ConfigMapRef is { Optional: not true } map && objects.ConfigMapKeys(map.Name, workload.Namespace) is null)
                    {
                        yield return $"{workload}: {workload.Field(container, $"envFrom[{i}]")} configMapRef names ConfigMap {map.Name}, which is not in the base";
                    }
                }
            }
        }
    }

    /// <summary>
    /// Rule 4: for each reference of the manifest, the NetworkPolicies selecting the referenced pods (none: ingress is open)
    /// admit the consumer's pods, in the same namespace, to each Service port the consumer's env and args address; where
    /// they address none (a connection string of Host=...;Port=..., a value from a Secret), to at least one port.
    /// </summary>
    private static IEnumerable<string> NetworkAccess(BuiltBase objects, BaseExpectations expectations)
    {
        foreach (var (consumerName, referencedNames) in expectations.References)
        {
            if (objects.WorkloadNamed(consumerName) is not { } consumer)
            {
                yield return $"{consumerName}: the manifest's references start at it, but the base has no Deployment or StatefulSet {consumerName}";
                continue;
            }

            foreach (var referencedName in referencedNames)
            {
                if (objects.WorkloadNamed(referencedName) is not { } referenced)
                {
                    yield return $"{consumer}: it references {referencedName}, but the base has no Deployment or StatefulSet {referencedName}";
                    continue;
                }

                var policies = objects.NetworkPolicies.Where(p => p.Namespace() == referenced.Namespace && IsIngress(p) && Matches(p.Spec.PodSelector, referenced.PodLabels)).ToList();
                if (policies.Count == 0)
                {
                    continue;
                }

                var services = objects.WorkloadsServices(referenced).ToList();
                var addressed = AddressedPorts(objects, consumer, services);
                var targets = services
                    .SelectMany(s => (s.Spec.Ports ?? []).Select(p => (Service: s, Port: p, Target: referenced.PodPortServing(p))))
                    .Where(t => t.Target is not null)
                    .DistinctBy(t => t.Target)
                    .ToList();
                var admitted = targets.Where(t => policies.Any(p => Admits(p, consumer, t.Target!))).ToList();
                var names = string.Join(", ", policies.Select(p => p.Name()));
                if (addressed.Count == 0 && targets.Count > 0 && admitted.Count == 0)
                {
                    yield return $"{referenced}: NetworkPolicies {names} admit no ingress from {consumer} pods to any of its ports";
                }

                // A port number may be served for two protocols (DNS on 53/UDP and 53/TCP): one admitted is enough.
                var blocked = targets.Where(t => addressed.Contains((t.Service.Name(), t.Port.Port)))
                    .GroupBy(t => (t.Service.Name(), t.Port.Port))
                    .Where(g => !g.Any(admitted.Contains))
                    .Select(g => g.First());
                foreach (var (service, port, target) in blocked)
                {
                    yield return $"{referenced}: NetworkPolicies {names} admit no ingress from {consumer} pods to pod port {target}, where Service {service.Name()} port {port.Name ?? port.Port.ToString(CultureInfo.InvariantCulture)} sends";
                }
            }
        }
    }

    /// <summary>
    /// Rule 5: a workload that is not built from a .NET project carries none of the publisher's .NET defaults: user 1654,
    /// Kestrel's port variables or DOTNET_* variables, a read-only root filesystem.
    /// </summary>
    private static IEnumerable<string> DotnetDefaults(BuiltBase objects, BaseExpectations expectations)
    {
        foreach (var workload in objects.Workloads.Where(w => !expectations.DotnetWorkloads.Contains(w.Name)))
        {
            if (workload.Template.Spec?.SecurityContext?.RunAsUser == DotnetAppUser && !workload.RunsDotnetImage)
            {
                yield return $"{workload}: spec.template.spec.securityContext.runAsUser is {DotnetAppUser}, the .NET images' user, on a workload that is not .NET";
            }

            foreach (var container in workload.Containers)
            {
                if (container.SecurityContext?.RunAsUser == DotnetAppUser && !workload.RunsDotnetImage)
                {
                    yield return $"{workload}: {workload.Field(container, "securityContext.runAsUser")} is {DotnetAppUser}, the .NET images' user, on a workload that is not .NET";
                }

                if (container.SecurityContext?.ReadOnlyRootFilesystem == true)
                {
                    yield return $"{workload}: {workload.Field(container, "securityContext.readOnlyRootFilesystem")} is true, a .NET default nothing declared for a workload that is not .NET";
                }

                foreach (var variable in (container.Env ?? []).Where(e => DotnetPortVariables.Contains(e.Name) || e.Name.StartsWith("DOTNET_", StringComparison.Ordinal)))
                {
                    yield return $"{workload}: {workload.Field(container, $"env {variable.Name}")} is a .NET setting on a workload that is not .NET";
                }
            }
        }
    }

    /// <summary>Rule 5: every HTTP probe (readiness, liveness, startup) has a path declared for its workload; TCP probes are fine.</summary>
    private static IEnumerable<string> HttpProbes(BuiltBase objects, BaseExpectations expectations)
    {
        foreach (var workload in objects.Workloads)
        {
            var declared = expectations.DeclaredHttpProbes.GetValueOrDefault(workload.Name) ?? new HashSet<string>();
            foreach (var container in workload.Containers)
            {
                var probes = new[] { ("readinessProbe", container.ReadinessProbe), ("livenessProbe", container.LivenessProbe), ("startupProbe", container.StartupProbe) };
                foreach (var (field, probe) in probes.Where(p => p.Item2?.HttpGet is not null))
                {
                    var path = probe!.HttpGet.Path ?? "/";
                    if (!declared.Contains(path))
                    {
                        var dotnet = !expectations.DotnetWorkloads.Contains(workload.Name) && DotnetProbePaths.Contains(path) ? ", a .NET default on a workload that is not .NET" : "";
                        yield return $"{workload}: {workload.Field(container, field)} httpGet path {path} is not a declared probe{dotnet}";
                    }
                }
            }
        }
    }

    /// <summary>Rule 5: a ServiceMonitor or PodMonitor scrapes only workloads whose metrics endpoint was declared, on the declared path.</summary>
    private static IEnumerable<string> Monitors(BuiltBase objects, BaseExpectations expectations)
    {
        var scrapes = objects.ServiceMonitors.Select(m => new Scrape(Subject(m), objects.WorkloadsBehind(m), "endpoints", [.. m.Spec.Endpoints.Select(e => e.Path)]))
            .Concat(objects.PodMonitors.Select(m => new Scrape(Subject(m), objects.WorkloadsSelectedBy(m.Spec.Selector, m.Namespace()), "podMetricsEndpoints", [.. m.Spec.PodMetricsEndpoints.Select(e => e.Path ?? "/metrics")])));
        foreach (var scrape in scrapes)
        {
            foreach (var workload in scrape.Workloads)
            {
                if (!expectations.DeclaredMetrics.TryGetValue(workload.Name, out var declared))
                {
                    yield return $"{scrape.Monitor}: scrapes {workload}, which declared no metrics endpoint";
                    continue;
                }

                foreach (var (path, i) in scrape.Paths.Select((p, i) => (p, i)).Where(p => p.p != declared))
                {
                    yield return $"{scrape.Monitor}: spec.{scrape.Field}[{i}].path {path} is not {workload}'s declared metrics path {declared}";
                }
            }
        }
    }

    /// <summary>
    /// Rule 6: metadata.name is valid for its kind: a DNS-1035 label for a Service (it becomes a DNS name and environment
    /// variable prefix), a DNS-1123 label for a Namespace, a DNS-1123 subdomain otherwise.
    /// </summary>
    private static IEnumerable<string> ObjectNames(BuiltBase objects)
    {
        foreach (var item in objects.All)
        {
            var name = item.Metadata?.Name ?? "";
            var (valid, rule) = item.Kind switch
            {
                "Service" => (IsLabel(name) && char.IsAsciiLetterLower(name[0]), "a DNS-1035 label (at most 63 of [a-z0-9-], starting with a letter, ending alphanumeric)"),
                "Namespace" => (IsLabel(name), "a DNS-1123 label (at most 63 of [a-z0-9-], alphanumeric at both ends)"),
                _ => (IsSubdomain(name), "a DNS-1123 subdomain (at most 253 characters, dot-separated DNS-1123 labels)"),
            };
            if (!valid)
            {
                yield return $"{Subject(item)}: metadata.name '{name}' is not {rule}";
            }
        }
    }

    /// <summary>
    /// Rule 6: a StatefulSet's name leaves room for the controller-revision-hash label (name, '-', a 10-character hash:
    /// at most 63), and each of its PVCs, <c>claim-statefulset-ordinal</c>, is a DNS-1123 subdomain.
    /// </summary>
    private static IEnumerable<string> StatefulSetNames(BuiltBase objects)
    {
        foreach (var set in objects.StatefulSets)
        {
            var name = set.Name();
            if (name.Length + 11 > 63)
            {
                yield return $"{Subject(set)}: metadata.name is {name.Length} characters; with '-' and the 10-character revision hash the controller-revision-hash label would exceed 63";
            }

            var lastOrdinal = Math.Max((set.Spec?.Replicas ?? 1) - 1, 0);
            foreach (var claim in set.Spec?.VolumeClaimTemplates ?? [])
            {
                var pvc = $"{claim.Metadata?.Name}-{name}-{lastOrdinal}";
                if (!IsSubdomain(pvc))
                {
                    yield return $"{Subject(set)}: spec.volumeClaimTemplates {claim.Metadata?.Name} gives PVC name '{pvc}', which is not a DNS-1123 subdomain (at most 253 characters)";
                }
            }
        }
    }

    /// <summary>Rule 6: container port names are IANA service names (at most 15 of [a-z0-9-], a letter, no '-' at an end, no '--'); env var names are valid.</summary>
    private static IEnumerable<string> PodNames(BuiltBase objects)
    {
        foreach (var workload in objects.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var port in (container.Ports ?? []).Where(p => p.Name is not null && !IsPortName(p.Name)))
                {
                    yield return $"{workload}: {workload.Field(container, $"ports {port.ContainerPort}")} name '{port.Name}' is not an IANA service name (at most 15 of [a-z0-9-], a letter, no '-' at an end, no '--')";
                }

                foreach (var variable in (container.Env ?? []).Where(e => !EnvVarName().IsMatch(e.Name ?? "")))
                {
                    yield return $"{workload}: {workload.Field(container, $"env '{variable.Name}'")} is not a valid variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)";
                }
            }
        }
    }

    /// <summary>Rule 6: label values, on objects and pod templates, are at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends (or empty).</summary>
    private static IEnumerable<string> LabelValues(BuiltBase objects)
    {
        var labelled = objects.All.Select(o => (Subject: Subject(o), Field: "metadata.labels", Labels: o.Metadata?.Labels))
            .Concat(objects.Workloads.Select(w => (Subject: w.ToString(), Field: "spec.template.metadata.labels", Labels: w.Template.Metadata?.Labels)));
        foreach (var (subject, field, labels) in labelled)
        {
            foreach (var (key, value) in (labels ?? new Dictionary<string, string>()).Where(l => l.Value is not null && (l.Value.Length > 63 || !LabelValue().IsMatch(l.Value))))
            {
                yield return $"{subject}: {field} {key} value '{value}' is not a valid label value (at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends)";
            }
        }
    }

    /// <summary>Rule 6: ConfigMap and Secret keys are at most 253 of [-._a-zA-Z0-9].</summary>
    private static IEnumerable<string> DataKeys(BuiltBase objects)
    {
        var keyed = objects.ConfigMaps.Select(m => (Subject: Subject(m), Keys: (m.Data?.Keys ?? []).Concat(m.BinaryData?.Keys ?? [])))
            .Concat(objects.Secrets.Select(s => (Subject: Subject(s), Keys: (s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? []))));
        foreach (var (subject, keys) in keyed)
        {
            foreach (var key in keys.Where(k => k.Length > 253 || !DataKey().IsMatch(k)))
            {
                yield return $"{subject}: key '{key}' is not a valid key (at most 253 of [-._a-zA-Z0-9])";
            }
        }
    }

    /// <summary>Rule 6: no two objects of one kind share a name in a namespace.</summary>
    private static IEnumerable<string> Duplicates(BuiltBase objects) =>
        objects.All.GroupBy(o => (o.Kind, o.Metadata?.NamespaceProperty, o.Metadata?.Name)).Where(g => g.Count() > 1)
            .Select(g => $"{Subject(g.First())}: {g.Count()} objects of this kind have this name");

    /// <summary>The (Service, port) pairs that a workload's env values and args address among <paramref name="services"/>.</summary>
    private static HashSet<(string Service, int Port)> AddressedPorts(BuiltBase objects, Workload consumer, IReadOnlyList<V1Service> services)
    {
        var addressed = new HashSet<(string, int)>();
        foreach (var (_, _, address, service) in ServiceAddresses(objects, consumer))
        {
            if (services.Contains(service) && int.TryParse(address.Port ?? address.DefaultPort, CultureInfo.InvariantCulture, out var port))
            {
                addressed.Add((service.Name(), port));
            }
        }

        return addressed;
    }

    /// <summary>The host:port and scheme://host[:port] addresses in a value; <c>$(VAR)</c> parts become <see cref="Unknown"/>, <c>$$</c> a plain '$'.</summary>
    private static IEnumerable<Address> FindAddresses(string value)
    {
        var text = VariableReference().Replace(value, m => m.Value == "$$" ? "$" : Unknown);
        foreach (Match url in Url().Matches(text))
        {
            yield return new Address(url.Groups["scheme"].Value, url.Groups["host"].Value, url.Groups["port"].Success ? url.Groups["port"].Value : null);
        }

        foreach (Match hostPort in HostPort().Matches(Url().Replace(text, " ")))
        {
            yield return new Address(null, hostPort.Groups["host"].Value, hostPort.Groups["port"].Value);
        }
    }

    /// <summary>What is wrong with a key reference ("names Secret s, which is not in the base"), or null when the object holds the key.</summary>
    private static string? Missing(string kind, string name, string key, IReadOnlyCollection<string>? keys) =>
        keys is null ? $"names {kind} {name}, which is not in the base"
        : keys.Contains(key) ? null
        : $"key {key} is not in {kind} {name} (it holds {(keys.Count == 0 ? "no keys" : string.Join(", ", keys))})";

    private static bool Admits(V1NetworkPolicy policy, Workload consumer, PodPort target) =>
        (policy.Spec.Ingress ?? []).Any(rule =>
            (rule.FromProperty is null or [] || rule.FromProperty.Any(peer => PeerMatches(peer, policy.Namespace(), consumer)))
            && (rule.Ports is null or [] || rule.Ports.Any(port => PortMatches(port, target))));

    /// <summary>An ipBlock never matches: pod addresses are not known. A peer without namespaceSelector is the policy's namespace.</summary>
    private static bool PeerMatches(V1NetworkPolicyPeer peer, string? policyNamespace, Workload consumer)
    {
        if (peer.IpBlock is not null)
        {
            return false;
        }

        var namespaceLabels = consumer.Namespace is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = consumer.Namespace };
        var inNamespace = peer.NamespaceSelector is null ? consumer.Namespace == policyNamespace : Matches(peer.NamespaceSelector, namespaceLabels);
        return inNamespace && (peer.PodSelector is null || Matches(peer.PodSelector, consumer.PodLabels));
    }

    private static bool PortMatches(V1NetworkPolicyPort port, PodPort target)
    {
        if ((port.Protocol ?? "TCP") != target.Protocol)
        {
            return false;
        }

        if (port.Port?.Value is not { } value)
        {
            return true;
        }

        return int.TryParse(value, CultureInfo.InvariantCulture, out var number)
            ? target.Number >= number && target.Number <= (port.EndPort ?? number)
            : target.Name == value;
    }

    private static V1LabelSelector SelectorOf(V1Service service) => new() { MatchLabels = service.Spec?.Selector };

    private static bool IsIngress(V1NetworkPolicy policy) => policy.Spec?.PolicyTypes is null or [] || policy.Spec.PolicyTypes.Contains("Ingress");

    private static bool Matches(V1LabelSelector selector, IDictionary<string, string> labels) =>
        (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
        && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var value) && (e.Values ?? []).Contains(value),
            "NotIn" => !labels.TryGetValue(e.Key, out var value) || !(e.Values ?? []).Contains(value),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });

    private static bool IsEmpty(V1LabelSelector? selector) => selector is null || (selector.MatchLabels is null or { Count: 0 } && selector.MatchExpressions is null or []);

    private static bool IsLabel(string name) => name.Length <= 63 && Dns1123Label().IsMatch(name);

    private static bool IsSubdomain(string name) => name.Length <= 253 && name.Split('.').All(Dns1123Label().IsMatch);

    private static bool IsPortName(string name) =>
        name.Length <= 15 && Dns1123Label().IsMatch(name) && name.Any(char.IsAsciiLetterLower) && !name.Contains("--", StringComparison.Ordinal);

    private static string TargetOf(V1ServicePort port) => port.TargetPort?.Value ?? port.Port.ToString(CultureInfo.InvariantCulture);

    private static string Subject(IKubernetesObject<V1ObjectMeta> item) => $"{item.Metadata?.Name} {item.Kind}";

    private static string Name(this IKubernetesObject<V1ObjectMeta> item) => item.Metadata?.Name ?? "";

    private static string? Namespace(this IKubernetesObject<V1ObjectMeta> item) => item.Metadata?.NamespaceProperty;

    private static string Show(IEnumerable<int> ports) => ports.Any() ? string.Join(", ", ports) : "no ports";

    private static string Show(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "(none)";
        }

        var terms = (selector.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}")
            .Concat((selector.MatchExpressions ?? []).Select(e => $"{e.Key} {e.OperatorProperty} ({string.Join(",", e.Values ?? [])})"))
            .ToList();
        return terms.Count == 0 ? "{}" : string.Join(", ", terms);
    }

    [GeneratedRegex(@"\$\$|\$\([^)]*\)")]
    private static partial Regex VariableReference();

    /// <summary>scheme://[userinfo@]host[:port], the host ending where a path, query, separator or the value does.</summary>
    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*)://(?:[^@/?#\s,;]*@)?(?<host>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(?<port>[^/?#\s,;]*))?(?=[/?#\s,;""']|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>host:port not inside a longer name or address (URLs are taken out first).</summary>
    [GeneratedRegex(@"(?<![a-z0-9._:/@\u0001-])(?<host>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(?<port>[0-9]+)(?![\w:\u0001])", RegexOptions.IgnoreCase)]
    private static partial Regex HostPort();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVarName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex DataKey();

    /// <summary>A monitor, the workloads it scrapes, and the paths of its endpoints (Prometheus' default /metrics where none is given).</summary>
    private sealed record Scrape(string Monitor, IReadOnlyList<Workload> Workloads, string Field, IReadOnlyList<string> Paths);

    /// <summary>An address found in a value: Port is null when it has none, not a number when it is assembled from $(VAR).</summary>
    private sealed record Address(string? Scheme, string Host, string? Port)
    {
        /// <summary>The port a URL without one uses (http 80, https 443), or null when its scheme has no known default.</summary>
        public string? DefaultPort => Scheme is not null && DefaultPorts.TryGetValue(Scheme.ToLowerInvariant(), out var port) ? port.ToString(CultureInfo.InvariantCulture) : null;

        public override string ToString() => Scheme is null ? $"{Host}:{Port}" : $"{Scheme}://{Host}{(Port is null ? "" : $":{Port}")}";
    }

    /// <summary>A port of a pod as a NetworkPolicy sees it (after the Service's translation): number, name if declared, protocol.</summary>
    private sealed record PodPort(int Number, string? Name, string Protocol)
    {
        public override string ToString() => Name is null ? $"{Number}/{Protocol}" : $"{Name} ({Number}/{Protocol})";
    }

    /// <summary>A Deployment or StatefulSet: what the checks need of either.</summary>
    private sealed record Workload(string Kind, V1ObjectMeta Metadata, V1LabelSelector? Selector, V1PodTemplateSpec Template)
    {
        public string Name => Metadata.Name;

        public string? Namespace => Metadata.NamespaceProperty;

        public IDictionary<string, string> PodLabels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

        public IReadOnlyList<V1Container> Containers => [.. Template.Spec?.InitContainers ?? [], .. Template.Spec?.Containers ?? []];

        /// <summary>Names the pod resolves to an address of its own (hostAliases).</summary>
        public HashSet<string> HostAliases => (Template.Spec?.HostAliases ?? []).SelectMany(a => a.Hostnames ?? []).ToHashSet();

        /// <summary>A .NET image of Microsoft's (the Aspire dashboard, YARP), which runs as the .NET user 1654 upstream.</summary>
        public bool RunsDotnetImage => Containers.Any(c => c.Image?.StartsWith("mcr.microsoft.com/dotnet/", StringComparison.Ordinal) == true);

        /// <summary>A field of a container, named by the container when the pod has several.</summary>
        public string Field(V1Container container, string field) => Containers.Count > 1 ? $"container {container.Name} {field}" : field;

        /// <summary>The container port a Service port sends to: targetPort (the port when absent) by name or number, and protocol.</summary>
        public V1ContainerPort? PortServing(V1ServicePort port)
        {
            var target = TargetOf(port);
            var protocol = port.Protocol ?? "TCP";
            return Containers.SelectMany(c => c.Ports ?? []).FirstOrDefault(c => (c.Protocol ?? "TCP") == protocol
                && (int.TryParse(target, CultureInfo.InvariantCulture, out var number) ? c.ContainerPort == number : c.Name == target));
        }

        /// <summary>The pod port a Service port reaches; a numeric targetPort counts even if no container declares it.</summary>
        public PodPort? PodPortServing(V1ServicePort port)
        {
            var protocol = port.Protocol ?? "TCP";
            return PortServing(port) is { } declared ? new PodPort(declared.ContainerPort, declared.Name, protocol)
                : int.TryParse(TargetOf(port), CultureInfo.InvariantCulture, out var number) ? new PodPort(number, null, protocol)
                : null;
        }

        public override string ToString() => $"{Name} {Kind}";
    }

    /// <summary>The objects of a built base, read leniently and grouped by kind.</summary>
    private sealed class BuiltBase
    {
        public List<ObjectHead> All { get; } = [];
        public List<Workload> Workloads { get; } = [];
        public List<V1StatefulSet> StatefulSets { get; } = [];
        public List<V1Service> Services { get; } = [];
        public List<V1Secret> Secrets { get; } = [];
        public List<V1ConfigMap> ConfigMaps { get; } = [];
        public List<V2HorizontalPodAutoscaler> Autoscalers { get; } = [];
        public List<V1PodDisruptionBudget> DisruptionBudgets { get; } = [];
        public List<V1NetworkPolicy> NetworkPolicies { get; } = [];
        public List<ServiceMonitor> ServiceMonitors { get; } = [];
        public List<PodMonitor> PodMonitors { get; } = [];

        public static BuiltBase Parse(string yaml)
        {
            var objects = new BuiltBase();
            foreach (var document in KubernetesDocuments.Split(yaml))
            {
                var head = KubernetesYaml.Deserialize<ObjectHead>(document);
                objects.All.Add(head);
                switch ($"{head.ApiVersion}/{head.Kind}")
                {
                    case "apps/v1/Deployment":
                        var deployment = KubernetesYaml.Deserialize<V1Deployment>(document);
                        objects.Workloads.Add(new Workload(head.Kind, deployment.Metadata, deployment.Spec?.Selector, deployment.Spec?.Template ?? new()));
                        break;
                    case "apps/v1/StatefulSet":
                        var set = KubernetesYaml.Deserialize<V1StatefulSet>(document);
                        objects.StatefulSets.Add(set);
                        objects.Workloads.Add(new Workload(head.Kind, set.Metadata, set.Spec?.Selector, set.Spec?.Template ?? new()));
                        break;
                    case "v1/Service":
                        objects.Services.Add(KubernetesYaml.Deserialize<V1Service>(document));
                        break;
                    case "v1/Secret":
                        objects.Secrets.Add(KubernetesYaml.Deserialize<V1Secret>(document));
                        break;
                    case "v1/ConfigMap":
                        objects.ConfigMaps.Add(KubernetesYaml.Deserialize<V1ConfigMap>(document));
                        break;
                    case "autoscaling/v2/HorizontalPodAutoscaler":
                        objects.Autoscalers.Add(KubernetesYaml.Deserialize<V2HorizontalPodAutoscaler>(document));
                        break;
                    case "policy/v1/PodDisruptionBudget":
                        objects.DisruptionBudgets.Add(KubernetesYaml.Deserialize<V1PodDisruptionBudget>(document));
                        break;
                    case "networking.k8s.io/v1/NetworkPolicy":
                        objects.NetworkPolicies.Add(KubernetesYaml.Deserialize<V1NetworkPolicy>(document));
                        break;
                    case "monitoring.coreos.com/v1/ServiceMonitor":
                        objects.ServiceMonitors.Add(KubernetesYaml.Deserialize<ServiceMonitor>(document));
                        break;
                    case "monitoring.coreos.com/v1/PodMonitor":
                        objects.PodMonitors.Add(KubernetesYaml.Deserialize<PodMonitor>(document));
                        break;
                }
            }

            return objects;
        }

        public Workload? WorkloadNamed(string name) => Workloads.FirstOrDefault(w => w.Name == name);

        public List<Workload> WorkloadsSelectedBy(V1LabelSelector selector, string? inNamespace) =>
            Workloads.Where(w => w.Namespace == inNamespace && Matches(selector, w.PodLabels)).ToList();

        /// <summary>The Services that send to a workload's pods.</summary>
        public IEnumerable<V1Service> WorkloadsServices(Workload workload) =>
            Services.Where(s => s.Namespace() == workload.Namespace && s.Spec?.Selector is { Count: > 0 } && Matches(SelectorOf(s), workload.PodLabels));

        /// <summary>The Services of its own namespace whose labels a ServiceMonitor selects.</summary>
        public List<V1Service> ServicesSelectedBy(ServiceMonitor monitor) =>
            Services.Where(s => s.Namespace() == monitor.Namespace() && Matches(monitor.Spec.Selector, s.Metadata?.Labels ?? new Dictionary<string, string>())).ToList();

        /// <summary>The workloads behind the Services a ServiceMonitor selects.</summary>
        public List<Workload> WorkloadsBehind(ServiceMonitor monitor) =>
            [.. ServicesSelectedBy(monitor).Where(s => s.Spec?.Selector is { Count: > 0 }).SelectMany(s => WorkloadsSelectedBy(SelectorOf(s), s.Namespace())).Distinct()];

        /// <summary>
        /// The Service a host names: <c>name</c> (the caller's namespace), <c>name.namespace</c>, <c>name.namespace.svc</c> or
        /// <c>name.namespace.svc.cluster.local</c>. A Service without a namespace is in whichever namespace the base goes to.
        /// </summary>
        public V1Service? ServiceAt(string host, string? callerNamespace)
        {
            var labels = host.ToLowerInvariant().Split('.');
            var isServiceName = labels.Length switch
            {
                1 or 2 => true,
                3 => labels[2] == "svc",
                5 => labels[2..] is ["svc", "cluster", "local"],
                _ => false,
            };
            var inNamespace = labels.Length > 1 ? labels[1] : callerNamespace;
            return isServiceName ? Services.FirstOrDefault(s => s.Name() == labels[0] && (s.Namespace() is null || s.Namespace() == inNamespace)) : null;
        }

        /// <summary>The keys of a Secret (data and stringData), or null when the base has no Secret of that name.</summary>
        public IReadOnlyCollection<string>? SecretKeys(string name, string? inNamespace) =>
            Secrets.FirstOrDefault(s => s.Name() == name && s.Namespace() == inNamespace) is { } secret
                ? [.. (secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? [])]
                : null;

        /// <summary>The keys of a ConfigMap (data and binaryData), or null when the base has no ConfigMap of that name.</summary>
        public IReadOnlyCollection<string>? ConfigMapKeys(string name, string? inNamespace) =>
            ConfigMaps.FirstOrDefault(m => m.Name() == name && m.Namespace() == inNamespace) is { } map
                ? [.. (map.Data?.Keys ?? []).Concat(map.BinaryData?.Keys ?? [])]
                : null;
    }

    /// <summary>apiVersion, kind and metadata of any object.</summary>
    private sealed class ObjectHead : IKubernetesObject<V1ObjectMeta>
    {
        [JsonPropertyName("apiVersion")]
        public string ApiVersion { get; set; } = "";

        [JsonPropertyName("kind")]
        public string Kind { get; set; } = "";

        [JsonPropertyName("metadata")]
        public V1ObjectMeta Metadata { get; set; } = new();
    }

    /// <summary>monitoring.coreos.com/v1 PodMonitor: the fields the checks read.</summary>
    private sealed class PodMonitor : IKubernetesObject<V1ObjectMeta>
    {
        [JsonPropertyName("apiVersion")]
        public string ApiVersion { get; set; } = "";

        [JsonPropertyName("kind")]
        public string Kind { get; set; } = "";

        [JsonPropertyName("metadata")]
        public V1ObjectMeta Metadata { get; set; } = new();

        [JsonPropertyName("spec")]
        public PodMonitorSpec Spec { get; set; } = new();
    }

    private sealed class PodMonitorSpec
    {
        [JsonPropertyName("selector")]
        public V1LabelSelector Selector { get; set; } = new();

        [JsonPropertyName("podMetricsEndpoints")]
        public List<PodMetricsEndpoint> PodMetricsEndpoints { get; set; } = [];
    }

    private sealed class PodMetricsEndpoint
    {
        [JsonPropertyName("port")]
        public string? Port { get; set; }

        [JsonPropertyName("path")]
        public string? Path { get; set; }
    }
}

public sealed record BaseExpectations
{
    /// <summary>
    /// Resources the manifest says reference each other: consumer resource name -> referenced resource names (Kubernetes
    /// names). The NetworkPolicies must admit consumer pods to the referenced pods' ports.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> References { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Workloads built from .NET projects (project.v0/v1). Only these may carry .NET defaults.</summary>
    public IReadOnlySet<string> DotnetWorkloads { get; init; } = new HashSet<string>();

    /// <summary>
    /// Workloads whose HTTP probes were declared (by publisher options): workload name -> declared probe paths. A workload
    /// with an HTTP probe not declared here is a problem.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> DeclaredHttpProbes { get; init; } = new Dictionary<string, IReadOnlySet<string>>();

    /// <summary>
    /// Workloads whose scrape endpoint was declared: workload -> path. A ServiceMonitor/PodMonitor for any other workload,
    /// or with another path, is a problem.
    /// </summary>
    public IReadOnlyDictionary<string, string> DeclaredMetrics { get; init; } = new Dictionary<string, string>();
}
