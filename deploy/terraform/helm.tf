################################################################################
# Platform services, installed with pinned chart versions. Bumping a version is
# a reviewed change to this file. The application itself is not deployed here:
# the pipeline runs kubectl apply -k deploy/k8s/overlays/production.
#
# Order: the load balancer controller comes first because its mutating webhook
# intercepts every Service created afterwards (and fails them while it has no
# ready endpoints); kube-prometheus-stack next because the others ship
# ServiceMonitors, whose CRDs it installs.
################################################################################

# Every release uses atomic = true (a failed install/upgrade is rolled back
# instead of being left half applied) and a bounded release history.
locals {
  helm_max_history = 10
}

################################################################################
# AWS Load Balancer Controller (Ingress -> ALB, Service type LoadBalancer -> NLB)
################################################################################

resource "helm_release" "aws_load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = "3.5.0"
  namespace  = local.lb_controller_sa.namespace

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    clusterName = module.eks.cluster_name
    # Given explicitly so the controller never needs IMDS (hop limit 1, eks.tf).
    region = var.region
    vpcId  = module.vpc.vpc_id

    replicaCount = 2
    podDisruptionBudget = {
      maxUnavailable = 1
    }

    # Credentials come from the Pod Identity association on this service
    # account (iam-pod-identity.tf); no IRSA annotation.
    serviceAccount = {
      create = true
      name   = local.lb_controller_sa.name
    }

    resources = {
      requests = { cpu = "100m", memory = "128Mi" }
      limits   = { memory = "256Mi" }
    }
  })]

  depends_on = [
    module.eks,
    aws_eks_pod_identity_association.aws_load_balancer_controller,
    aws_iam_role_policy.aws_load_balancer_controller,
  ]
}

################################################################################
# kube-prometheus-stack: Prometheus Operator, Prometheus, Alertmanager, Grafana
################################################################################

resource "helm_release" "kube_prometheus_stack" {
  # Release name matters: the app's ServiceMonitor carries
  # release: kube-prometheus-stack.
  name       = "kube-prometheus-stack"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "kube-prometheus-stack"
  version    = "88.5.3"
  namespace  = kubernetes_namespace_v1.monitoring.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history
  timeout         = 900 # CRDs and many components on first install

  values = [yamlencode({
    # The EKS control plane is managed by AWS: these targets cannot be scraped
    # and would only raise permanent TargetDown alerts. (kube-proxy's metrics
    # listen on 127.0.0.1 in the EKS add-on.)
    kubeControllerManager = { enabled = false }
    kubeScheduler         = { enabled = false }
    kubeEtcd              = { enabled = false }
    kubeProxy             = { enabled = false }

    prometheus = {
      prometheusSpec = {
        # Select every ServiceMonitor/PodMonitor/rule in the cluster, not only
        # those labelled for this Helm release (e.g. the API's ServiceMonitor
        # in the comments namespace).
        serviceMonitorSelectorNilUsesHelmValues = false
        podMonitorSelectorNilUsesHelmValues     = false
        ruleSelectorNilUsesHelmValues           = false
        probeSelectorNilUsesHelmValues          = false

        retention = var.prometheus_retention
        storageSpec = {
          volumeClaimTemplate = {
            spec = {
              storageClassName = kubernetes_storage_class_v1.gp3.metadata[0].name
              accessModes      = ["ReadWriteOnce"]
              resources = {
                requests = { storage = var.prometheus_storage_size }
              }
            }
          }
        }

        resources = {
          requests = { cpu = "250m", memory = "1Gi" }
          limits   = { memory = "3Gi" }
        }
      }
    }

    grafana = {
      # The admin password is left to the chart, which generates a random one
      # into the kube-prometheus-stack-grafana Secret (see the outputs): no
      # password in this code or in the Terraform state.
      sidecar = {
        dashboards = {
          enabled = true
          # Any ConfigMap labelled grafana_dashboard: "1" in any namespace,
          # e.g. deploy/k8s/base/grafana-dashboard-comments-api-configmap.yaml.
          label           = "grafana_dashboard"
          labelValue      = "1"
          searchNamespace = "ALL"
          # The app's dashboard names its folder with this annotation.
          folderAnnotation = "grafana_folder"
          provider = {
            foldersFromFilesStructure = true
          }
        }
      }
    }
  })]

  depends_on = [helm_release.aws_load_balancer_controller]
}

################################################################################
# Jaeger v2 (chart 4.x: a single Jaeger v2 deployment, OTLP on 4317/4318)
################################################################################

resource "helm_release" "jaeger" {
  name       = "jaeger"
  repository = "https://jaegertracing.github.io/helm-charts"
  chart      = "jaeger"
  version    = "4.11.1"
  namespace  = kubernetes_namespace_v1.observability.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    jaeger = {
      # Jaeger's built-in all-in-one configuration keeps traces in memory
      # (bounded at 100000 traces). Replicas would each hold a disjoint subset
      # of traces, so stay at 1 until a persistent backend is configured
      # through `userconfig` (e.g. Elasticsearch/OpenSearch), then scale out.
      replicas = 1
      resources = {
        requests = { cpu = "250m", memory = "512Mi" }
        limits   = { cpu = "1", memory = "2Gi" }
      }
    }
  })]

  depends_on = [helm_release.aws_load_balancer_controller]
}

################################################################################
# external-dns (Route 53 records for Ingress/Service hostnames)
################################################################################

resource "helm_release" "external_dns" {
  name       = "external-dns"
  repository = "https://kubernetes-sigs.github.io/external-dns/"
  chart      = "external-dns"
  version    = "1.21.1"
  namespace  = kubernetes_namespace_v1.external_dns.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    provider = { name = "aws" }
    sources  = ["service", "ingress"]
    policy   = var.external_dns_policy

    # TXT ownership records: this cluster only touches records it created.
    registry   = "txt"
    txtOwnerId = var.cluster_name

    # Same zone the IAM policy is limited to.
    extraArgs = ["--zone-id-filter=${var.route53_zone_id}"]
    env = [
      { name = "AWS_DEFAULT_REGION", value = var.region },
    ]

    serviceAccount = {
      create = true
      name   = local.external_dns_sa.name
    }

    serviceMonitor = { enabled = true }

    resources = {
      requests = { cpu = "50m", memory = "64Mi" }
      limits   = { memory = "128Mi" }
    }
  })]

  depends_on = [
    aws_eks_pod_identity_association.external_dns,
    aws_iam_role_policy.external_dns,
    helm_release.kube_prometheus_stack, # ServiceMonitor CRD
  ]
}

################################################################################
# Chaos Mesh (opt-in)
################################################################################

resource "helm_release" "chaos_mesh" {
  count = var.enable_chaos_mesh ? 1 : 0

  name       = "chaos-mesh"
  repository = "https://charts.chaos-mesh.org"
  chart      = "chaos-mesh"
  version    = "2.8.2"
  namespace  = kubernetes_namespace_v1.chaos_mesh[0].metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    # EKS AL2023 nodes run containerd, not Docker.
    chaosDaemon = {
      runtime    = "containerd"
      socketPath = "/run/containerd/containerd.sock"
    }
    # Dashboard requires a Kubernetes token with RBAC to run experiments.
    dashboard = {
      securityMode = true
    }
  })]

  depends_on = [helm_release.aws_load_balancer_controller]
}
