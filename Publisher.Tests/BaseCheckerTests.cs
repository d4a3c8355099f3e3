using Comments.Publisher.Tests.Infrastructure;

namespace Comments.Publisher.Tests;

/// <summary>
/// BaseChecker: a small hand-written base that is sound, and for each rule an edit of it that the rule must catch and
/// one that it must let pass. Last, the repository's own base through kubectl kustomize.
/// </summary>
public sealed class BaseCheckerTests
{
    /// <summary>web (a .NET project) uses db (a PostgreSQL StatefulSet) through a generated Secret and a network policy.</summary>
    private const string Sound = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: secrets-5h2k8g
        data:
          db-password: ""
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: fast
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: web
          template:
            metadata:
              labels:
                app.kubernetes.io/name: web
            spec:
              securityContext:
                runAsUser: 1654
              containers:
              - name: web
                image: web
                env:
                - name: SECRET_DB_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: secrets-5h2k8g
                      key: db-password
                - name: MODE
                  valueFrom:
                    configMapKeyRef:
                      name: settings
                      key: mode
                - name: HTTP_PORTS
                  value: "8080"
                - name: DB_URI
                  value: postgres://app:$(SECRET_DB_PASSWORD)@db:5432/app
                args:
                - --db
                - db:5432
                ports:
                - name: http
                  containerPort: 8080
                readinessProbe:
                  httpGet:
                    path: /health
                    port: http
                securityContext:
                  readOnlyRootFilesystem: true
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
        spec:
          selector:
            app.kubernetes.io/name: web
          ports:
          - name: http
            port: 80
            targetPort: http
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: web
          maxReplicas: 3
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: web
        spec:
          maxUnavailable: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: web
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: web
          endpoints:
          - port: http
            path: /metrics
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          serviceName: db-headless
          selector:
            matchLabels:
              app.kubernetes.io/name: db
          template:
            metadata:
              labels:
                app.kubernetes.io/name: db
            spec:
              containers:
              - name: db
                image: postgres
                env:
                - name: POSTGRES_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: secrets-5h2k8g
                      key: db-password
                ports:
                - name: tcp
                  containerPort: 5432
                readinessProbe:
                  tcpSocket:
                    port: tcp
          volumeClaimTemplates:
          - metadata:
              name: data
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db
        spec:
          selector:
            app.kubernetes.io/name: db
          ports:
          - name: tcp
            port: 5432
            targetPort: tcp
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db-headless
        spec:
          clusterIP: None
          selector:
            app.kubernetes.io/name: db
          ports:
          - name: tcp
            port: 5432
            targetPort: tcp
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-ingress
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: db-ingress
        spec:
          podSelector:
            matchLabels:
              app.kubernetes.io/name: db
          policyTypes:
          - Ingress
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app.kubernetes.io/name: web
            ports:
            - port: 5432
              protocol: TCP
        """;

    private static readonly BaseExpectations SoundExpectations = new()
    {
        References = new Dictionary<string, IReadOnlyList<string>> { ["web"] = ["db"] },
        DotnetWorkloads = new HashSet<string> { "web" },
        DeclaredHttpProbes = new Dictionary<string, IReadOnlySet<string>> { ["web"] = new HashSet<string> { "/health" } },
        DeclaredMetrics = new Dictionary<string, string> { ["web"] = "/metrics" },
    };

    private const string DbPolicyFrom = """
          - from:
            - podSelector:
                matchLabels:
                  app.kubernetes.io/name: web
            ports:
            - port: 5432
              protocol: TCP
        """;

    private const string PodMonitor = """

        ---
        apiVersion: monitoring.coreos.com/v1
        kind: PodMonitor
        metadata:
          name: db
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: db
          podMetricsEndpoints:
          - port: tcp
        """;

    [Fact]
    public void The_sound_base_has_no_problems() => Assert.Empty(Check(Sound));

    // Rule 1: addresses in env values and arguments.

    [Fact]
    public void An_address_on_a_port_its_Service_does_not_serve_is_a_problem()
    {
        var problems = Check(Edit(("@db:5432/app", "@db:5433/app"), ("- db:5432", "- db.default.svc.cluster.local:6432")));

        Assert.Equal(
            [
                "web Deployment: env DB_URI points at postgres://db:5433, which no port of Service db serves (5432)",
                "web Deployment: args[1] points at db.default.svc.cluster.local:6432, which no port of Service db serves (5432)",
            ],
            problems);
    }

    [Fact]
    public void A_url_to_a_Service_without_a_port_is_a_problem_unless_the_Service_serves_the_scheme_default()
    {
        var problems = Check(Edit(("@db:5432/app", "@db/app"), ("- db:5432", "- http://db.default.svc/x")));

        Assert.Equal(
            [
                "web Deployment: env DB_URI points at postgres://db, which has no port (Service db serves 5432)",
                "web Deployment: args[1] points at http://db.default.svc (the http default port 80), which no port of Service db serves (5432)",
            ],
            problems);
    }

    [Fact]
    public void Served_addresses_in_every_service_name_form_and_addresses_that_cannot_be_checked_pass()
    {
        var args = """
                    - db:5432
                    - db.default:5432,db.default.svc:5432
                    - jdbc:postgresql://db.default.svc.cluster.local:5432/app
                    - http://web/health
                    - $(DB_HOST):5433
                    - db:$(DB_PORT)
                    - postgres://$(SECRET_DB_PASSWORD)@db:5432
                    - example.com:5433
                    - "12:30"

            """;

        Assert.Empty(Check(Edit(("        - db:5432\n", args))));
    }

    // Rule 2: selectors, target ports and references between objects.

    [Fact]
    public void A_Service_that_selects_no_pods_or_targets_no_container_port_is_a_problem()
    {
        var problems = Check(Edit(
            ("    app.kubernetes.io/name: web\n  ports:", "    app.kubernetes.io/name: wbe\n  ports:"),
            ("    targetPort: tcp\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless", "    targetPort: 5433\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless")));

        Assert.Equal(
            [
                "web Service: spec.selector app.kubernetes.io/name=wbe matches no Deployment or StatefulSet pod template",
                "db Service: port tcp targetPort 5433 is not a TCP container port of db StatefulSet",
                // Where the Service now sends, the policy does not admit web.
                "db StatefulSet: NetworkPolicies default-deny-ingress, db-ingress admit no ingress from web Deployment pods to pod port 5433/TCP, where Service db port tcp sends",
            ],
            problems);
    }

    [Fact]
    public void Workload_autoscaler_budget_monitor_and_policy_selectors_that_match_nothing_are_problems()
    {
        var podMonitor = PodMonitor.Replace("app.kubernetes.io/name: db", "app.kubernetes.io/name: postgres", StringComparison.Ordinal);
        var edited = Edit(
            ("      app.kubernetes.io/name: web\n  template:", "      app.kubernetes.io/name: website\n  template:"),
            ("    kind: Deployment\n    name: web", "    kind: StatefulSet\n    name: web"),
            ("  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: web", "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: api"),
            ("  endpoints:\n  - port: http", "  endpoints:\n  - port: metrics"),
            ("  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: db", "  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: postgres"));
        var problems = Check(edited + podMonitor);

        Assert.Equal(
            [
                "web Deployment: spec.selector app.kubernetes.io/name=website does not match its pod template's labels",
                "web PodDisruptionBudget: spec.selector app.kubernetes.io/name=api matches no Deployment or StatefulSet pod template",
                "web HorizontalPodAutoscaler: spec.scaleTargetRef StatefulSet/web names no Deployment or StatefulSet in the base",
                "web ServiceMonitor: spec.endpoints[0].port metrics is not a port name of Service web",
                "db PodMonitor: spec.selector app.kubernetes.io/name=postgres matches no Deployment or StatefulSet pod template",
                "db-ingress NetworkPolicy: spec.podSelector app.kubernetes.io/name=postgres matches no Deployment or StatefulSet pod template",
                // db's pods are left to the default deny.
                "db StatefulSet: NetworkPolicies default-deny-ingress admit no ingress from web Deployment pods to pod port tcp (5432/TCP), where Service db port tcp sends",
            ],
            problems);
    }

    [Fact]
    public void A_ServiceMonitor_that_selects_no_Service_labels_is_a_problem()
    {
        // The Service still selects web's pods, but a ServiceMonitor selects Services by their own labels.
        var problems = Check(Edit(("  name: web\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  selector:\n    app.kubernetes.io/name: web", "  name: web\nspec:\n  selector:\n    app.kubernetes.io/name: web")));

        Assert.Equal(["web ServiceMonitor: spec.selector app.kubernetes.io/name=web matches no Service's labels"], problems);
    }

    [Fact]
    public void A_StatefulSet_whose_serviceName_is_missing_or_not_headless_is_a_problem()
    {
        Assert.Equal(
            ["db StatefulSet: spec.serviceName db-headless is not a headless Service (clusterIP: None)"],
            Check(Edit(("  clusterIP: None\n", ""))));
        Assert.Equal(
            ["db StatefulSet: spec.serviceName db-primary names no Service in the base"],
            Check(Edit(("serviceName: db-headless", "serviceName: db-primary"))));
    }

    [Fact]
    public void Selectors_by_expression_numeric_target_ports_and_a_StatefulSet_target_pass()
    {
        var problems = Check(Edit(
            ("    port: 80\n    targetPort: http", "    port: 80\n    targetPort: 8080"),
            ("  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: web", "  maxUnavailable: 1\n  selector:\n    matchExpressions:\n    - key: app.kubernetes.io/name\n      operator: In\n      values: [web, api]"),
            ("    kind: Deployment\n    name: web", "    kind: StatefulSet\n    name: db")));

        Assert.Empty(problems);
    }

    // Rule 3: Secret and ConfigMap references.

    [Fact]
    public void A_reference_to_a_missing_Secret_ConfigMap_or_key_is_a_problem()
    {
        var problems = Check(Edit(
            ("name: secrets-5h2k8g\n              key: db-password\n        - name: MODE", "name: secrets\n              key: db-password\n        - name: MODE"),
            ("name: settings\n              key: mode", "name: settings\n              key: level"),
            ("name: secrets-5h2k8g\n              key: db-password\n        ports", "name: secrets-5h2k8g\n              key: db-pasword\n        envFrom:\n        - configMapRef:\n            name: db-settings\n        ports")));

        Assert.Equal(
            [
                "web Deployment: env SECRET_DB_PASSWORD secretKeyRef names Secret secrets, which is not in the base",
                "web Deployment: env MODE configMapKeyRef key level is not in ConfigMap settings (it holds mode)",
                "db StatefulSet: env POSTGRES_PASSWORD secretKeyRef key db-pasword is not in Secret secrets-5h2k8g (it holds db-password)",
                "db StatefulSet: envFrom[0] configMapRef names ConfigMap db-settings, which is not in the base",
            ],
            problems);
    }

    [Fact]
    public void Keys_with_empty_values_keys_in_stringData_and_optional_references_pass()
    {
        var problems = Check(Edit(
            ("data:\n  db-password: \"\"", "data:\n  db-password: \"\"\nstringData:\n  token: abc"),
            ("configMapKeyRef:\n              name: settings\n              key: mode", "secretKeyRef:\n              name: secrets-5h2k8g\n              key: token"),
            ("        ports:\n        - name: tcp", "        envFrom:\n        - secretRef:\n            name: secrets-5h2k8g\n        - configMapRef:\n            name: overrides\n            optional: true\n        ports:\n        - name: tcp")));

        Assert.Empty(problems);
    }

    // Rule 4: network policies admit what the manifest's references need.

    [Fact]
    public void A_policy_that_admits_the_consumer_on_another_port_or_admits_another_pod_is_a_problem()
    {
        const string problem = "db StatefulSet: NetworkPolicies default-deny-ingress, db-ingress admit no ingress from web Deployment pods to pod port tcp (5432/TCP), where Service db port tcp sends";

        Assert.Equal([problem], Check(Edit(("    - port: 5432\n      protocol: TCP", "    - port: 5433\n      protocol: TCP"))));
        Assert.Equal([problem], Check(Edit(("    - port: 5432\n      protocol: TCP", "    - port: 5432\n      protocol: UDP"))));
        Assert.Equal([problem], Check(Edit(("app.kubernetes.io/name: web\n    ports:", "app.kubernetes.io/name: worker\n    ports:"))));
    }

    [Fact]
    public void A_default_deny_policy_alone_shuts_the_consumer_out()
    {
        var withoutDbPolicy = Sound[..Sound.LastIndexOf("---", StringComparison.Ordinal)];

        Assert.Equal(
            ["db StatefulSet: NetworkPolicies default-deny-ingress admit no ingress from web Deployment pods to pod port tcp (5432/TCP), where Service db port tcp sends"],
            Check(withoutDbPolicy));
    }

    [Fact]
    public void Named_policy_ports_rules_from_any_source_and_pods_no_policy_selects_pass()
    {
        Assert.Empty(Check(Edit(("    - port: 5432\n      protocol: TCP", "    - port: tcp"))));
        Assert.Empty(Check(Edit((DbPolicyFrom, "  - {}"))));
        Assert.Empty(Check(Sound[..Sound.IndexOf("---\napiVersion: networking.k8s.io/v1", StringComparison.Ordinal)]));
    }

    // Rule 5: .NET defaults, HTTP probes and monitors only where declared.

    [Fact]
    public void Dotnet_defaults_on_a_workload_that_is_not_dotnet_are_problems()
    {
        var problems = Check(Edit(
            ("        image: postgres\n", "        image: postgres\n        securityContext:\n          runAsUser: 1654\n          readOnlyRootFilesystem: true\n"),
            ("        - name: POSTGRES_PASSWORD", "        - name: DOTNET_gcServer\n          value: \"1\"\n        - name: ASPNETCORE_URLS\n          value: http://+:5432\n        - name: POSTGRES_PASSWORD")));

        Assert.Equal(
            [
                "db StatefulSet: securityContext.runAsUser is 1654, the .NET images' user, on a workload that is not .NET",
                "db StatefulSet: securityContext.readOnlyRootFilesystem is true, a .NET default nothing declared for a workload that is not .NET",
                "db StatefulSet: env DOTNET_gcServer is a .NET setting on a workload that is not .NET",
                "db StatefulSet: env ASPNETCORE_URLS is a .NET setting on a workload that is not .NET",
            ],
            problems);
        Assert.Equal(
            [
                "web Deployment: spec.template.spec.securityContext.runAsUser is 1654, the .NET images' user, on a workload that is not .NET",
                "web Deployment: securityContext.readOnlyRootFilesystem is true, a .NET default nothing declared for a workload that is not .NET",
                "web Deployment: env HTTP_PORTS is a .NET setting on a workload that is not .NET",
            ],
            Check(Sound, SoundExpectations with { DotnetWorkloads = new HashSet<string>() }));
    }

    [Fact]
    public void An_undeclared_HTTP_probe_is_a_problem()
    {
        var problems = Check(Edit(
            ("path: /health", "path: /ready"),
            ("          tcpSocket:\n            port: tcp", "          tcpSocket:\n            port: tcp\n        livenessProbe:\n          httpGet:\n            path: /alive\n            port: tcp")));

        Assert.Equal(
            [
                "web Deployment: readinessProbe httpGet path /ready is not a declared probe",
                "db StatefulSet: livenessProbe httpGet path /alive is not a declared probe, a .NET default on a workload that is not .NET",
            ],
            problems);
    }

    [Fact]
    public void Declared_HTTP_probes_and_TCP_probes_pass()
    {
        var declared = SoundExpectations with
        {
            DeclaredHttpProbes = new Dictionary<string, IReadOnlySet<string>> { ["web"] = new HashSet<string> { "/health", "/alive" }, ["db"] = new HashSet<string> { "/" } },
        };
        var probes = Edit(
            ("        readinessProbe:\n          httpGet:", "        livenessProbe:\n          httpGet:\n            path: /alive\n            port: http\n        readinessProbe:\n          httpGet:"),
            ("          tcpSocket:\n            port: tcp", "          tcpSocket:\n            port: tcp\n        startupProbe:\n          httpGet:\n            port: tcp"));

        Assert.Empty(Check(probes, declared));
    }

    [Fact]
    public void A_monitor_of_an_undeclared_workload_or_on_another_path_is_a_problem()
    {
        Assert.Equal(
            [
                "web ServiceMonitor: spec.endpoints[0].path /prometheus is not web Deployment's declared metrics path /metrics",
                "db PodMonitor: scrapes db StatefulSet, which declared no metrics endpoint",
            ],
            Check(Edit(("    path: /metrics", "    path: /prometheus")) + PodMonitor));
        Assert.Equal(
            ["web ServiceMonitor: scrapes web Deployment, which declared no metrics endpoint"],
            Check(Sound, SoundExpectations with { DeclaredMetrics = new Dictionary<string, string>() }));
    }

    [Fact]
    public void Monitors_on_the_declared_paths_pass()
    {
        var declared = SoundExpectations with { DeclaredMetrics = new Dictionary<string, string> { ["web"] = "/metrics", ["db"] = "/metrics" } };

        Assert.Empty(Check(Sound + PodMonitor, declared));
    }

    // Rule 6: names and keys.

    [Fact]
    public void Names_and_keys_that_Kubernetes_refuses_are_problems()
    {
        var longStatefulSet = new string('s', 53);
        var longClaim = new string('c', 199);
        var longValue = new string('a', 64);
        var extra = $"""

            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: 9lives
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: Settings_1
              labels:
                tier: -front
                team: {longValue}
            data:
              a b: x
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: {longStatefulSet}
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: s
              template:
                metadata:
                  labels:
                    app: s
                spec:
                  containers:
                  - name: s
                    image: s
              volumeClaimTemplates:
              - metadata:
                  name: {longClaim}
            """;
        var ports = """
                    - name: metrics-endpoint
                      containerPort: 9090
                    - name: "9091"
                      containerPort: 9091
                    - name: a--b
                      containerPort: 9092
                    - name: http
                      containerPort: 8080

            """;

        var problems = Check(Edit(("        - name: http\n          containerPort: 8080\n", ports), ("- name: HTTP_PORTS", "- name: 1HTTP_PORTS")) + extra);

        const string portRule = "is not an IANA service name (at most 15 of [a-z0-9-], a letter, no '-' at an end, no '--')";
        const string labelRule = "is not a valid label value (at most 63 of [A-Za-z0-9-_.], alphanumeric at both ends)";
        Assert.Equal(
            [
                "9lives Service: metadata.name '9lives' is not a DNS-1035 label (at most 63 of [a-z0-9-], starting with a letter, ending alphanumeric)",
                "Settings_1 ConfigMap: metadata.name 'Settings_1' is not a DNS-1123 subdomain (at most 253 characters, dot-separated DNS-1123 labels)",
                $"{longStatefulSet} StatefulSet: metadata.name is 53 characters; with '-' and the 10-character revision hash the controller-revision-hash label would exceed 63",
                $"{longStatefulSet} StatefulSet: spec.volumeClaimTemplates {longClaim} gives PVC name '{longClaim}-{longStatefulSet}-2', which is not a DNS-1123 subdomain (at most 253 characters)",
                $"web Deployment: ports 9090 name 'metrics-endpoint' {portRule}",
                $"web Deployment: ports 9091 name '9091' {portRule}",
                $"web Deployment: ports 9092 name 'a--b' {portRule}",
                "web Deployment: env '1HTTP_PORTS' is not a valid variable name ([-._a-zA-Z][-._a-zA-Z0-9]*)",
                $"Settings_1 ConfigMap: metadata.labels tier value '-front' {labelRule}",
                $"Settings_1 ConfigMap: metadata.labels team value '{longValue}' {labelRule}",
                "Settings_1 ConfigMap: key 'a b' is not a valid key (at most 253 of [-._a-zA-Z0-9])",
                "settings ConfigMap: 2 objects of this kind have this name",
            ],
            problems);
    }

    [Fact]
    public void Names_and_keys_at_the_limits_pass()
    {
        var extra = $"""

            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings.v2
              labels:
                empty: ""
                team: {new string('a', 63)}
            data:
              ._-a1: x
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: {new string('s', 52)}
            spec:
              selector:
                matchLabels:
                  app: s
              template:
                metadata:
                  labels:
                    app: s
                spec:
                  containers:
                  - name: s
                    image: s
                    ports:
                    - name: metrics-endpoin
                      containerPort: 9090
                    env:
                    - name: _weird.name-1
                      value: x
              volumeClaimTemplates:
              - metadata:
                  name: {new string('c', 198)}
            """;

        Assert.Empty(Check(Sound + extra));
    }

    [SkippableFact]
    public async Task The_repository_base_is_sound()
    {
        var directory = Directory.CreateTempSubdirectory("publisher-checked-base-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("deploy", "k8s", "base")).Where(f => Path.GetFileName(f) != "secrets.env"))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Path.Combine(directory, "secrets.env"), "postgres-password=x\npostgres-password-uri-encoded=x\n");
            var built = await Tools.KustomizeAsync(directory);

            var problems = BaseChecker.Check(built, new BaseExpectations
            {
                References = new Dictionary<string, IReadOnlyList<string>> { ["api"] = ["postgres"] },
                DotnetWorkloads = new HashSet<string> { "api" },
                DeclaredHttpProbes = new Dictionary<string, IReadOnlySet<string>> { ["api"] = new HashSet<string> { "/health", "/alive" } },
                DeclaredMetrics = new Dictionary<string, string> { ["api"] = "/metrics" },
            });

            Assert.True(problems.Count == 0, $"deploy/k8s/base has {problems.Count} problems:\n{string.Join("\n", problems)}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IReadOnlyList<string> Check(string yaml, BaseExpectations? expectations = null) =>
        BaseChecker.Check(yaml, expectations ?? SoundExpectations);

    /// <summary>The sound base with each (from, to) replaced; every from must occur in it.</summary>
    private static string Edit(params (string From, string To)[] edits)
    {
        var yaml = Sound;
        foreach (var (from, to) in edits)
        {
            Assert.True(yaml.Contains(from, StringComparison.Ordinal), $"The sound base has no:\n{from}");
            yaml = yaml.Replace(from, to, StringComparison.Ordinal);
        }

        return yaml;
    }
}
