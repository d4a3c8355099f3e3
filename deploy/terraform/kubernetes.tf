################################################################################
# Cluster-level Kubernetes objects the Helm releases and the app rely on.
# Everything here waits for module.eks: the API must be up, the access entries
# associated (or the calls are refused) and nodes present.
################################################################################

# Pod Security Admission: baseline enforced, restricted reported, except where
# a component needs host access (node-exporter, chaos-daemon).
locals {
  pod_security_baseline = {
    "pod-security.kubernetes.io/enforce" = "baseline"
    "pod-security.kubernetes.io/warn"    = "restricted"
    "pod-security.kubernetes.io/audit"   = "restricted"
  }
  pod_security_privileged = {
    "pod-security.kubernetes.io/enforce" = "privileged"
  }
}

resource "kubernetes_namespace_v1" "monitoring" {
  metadata {
    name   = "monitoring"
    labels = local.pod_security_privileged # node-exporter: hostNetwork, hostPID, hostPath
  }

  depends_on = [module.eks]
}

resource "kubernetes_namespace_v1" "observability" {
  metadata {
    name   = "observability"
    labels = local.pod_security_baseline
  }

  depends_on = [module.eks]
}

resource "kubernetes_namespace_v1" "external_dns" {
  metadata {
    name   = local.external_dns_sa.namespace
    labels = local.pod_security_baseline
  }

  depends_on = [module.eks]
}

resource "kubernetes_namespace_v1" "chaos_mesh" {
  count = var.enable_chaos_mesh ? 1 : 0

  metadata {
    name   = "chaos-mesh"
    labels = local.pod_security_privileged # chaos-daemon: privileged, host PID
  }

  depends_on = [module.eks]
}

# Default StorageClass: EKS marks none as default since Kubernetes 1.30, and the
# app's Postgres StatefulSet and Prometheus claim volumes without naming a
# class. gp3 through the EBS CSI add-on, encrypted, bound in the pod's AZ.
resource "kubernetes_storage_class_v1" "gp3" {
  metadata {
    name = "gp3"
    annotations = {
      "storageclass.kubernetes.io/is-default-class" = "true"
    }
  }

  storage_provisioner    = "ebs.csi.aws.com"
  reclaim_policy         = "Delete"
  volume_binding_mode    = "WaitForFirstConsumer"
  allow_volume_expansion = true

  parameters = {
    type                        = "gp3"
    encrypted                   = "true"
    "csi.storage.k8s.io/fstype" = "ext4"
  }

  depends_on = [module.eks]
}
