################################################################################
# The database platform: the CloudNativePG operator (with the CRDs of its chart),
# the Barman Cloud plugin that archives WAL and base backups to S3 (it needs
# cert-manager for the TLS between operator and plugin), the backup bucket, and a
# Pod Identity role that lets the Cluster's pods write to that bucket only.
# The Cluster itself is part of the app's kustomize base.
################################################################################

resource "kubernetes_namespace_v1" "cnpg_system" {
  metadata {
    name   = "cnpg-system"
    labels = local.pod_security_baseline
  }

  depends_on = [module.eks]
}

resource "kubernetes_namespace_v1" "cert_manager" {
  metadata {
    name   = "cert-manager"
    labels = local.pod_security_baseline
  }

  depends_on = [module.eks]
}

resource "helm_release" "cert_manager" {
  name       = "cert-manager"
  repository = "https://charts.jetstack.io"
  chart      = "cert-manager"
  version    = "v1.21.1"
  namespace  = kubernetes_namespace_v1.cert_manager.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    crds = { enabled = true }
  })]

  depends_on = [helm_release.aws_load_balancer_controller]
}

resource "helm_release" "cloudnative_pg" {
  name       = "cloudnative-pg"
  repository = "https://cloudnative-pg.github.io/charts"
  chart      = "cloudnative-pg"
  version    = "0.29.0" # operator 1.30.0
  namespace  = kubernetes_namespace_v1.cnpg_system.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  values = [yamlencode({
    crds       = { create = true }
    monitoring = { podMonitorEnabled = true, podMonitorAdditionalLabels = { release = "kube-prometheus-stack" } }
  })]

  depends_on = [helm_release.kube_prometheus_stack]
}

resource "helm_release" "barman_cloud_plugin" {
  name       = "plugin-barman-cloud"
  repository = "https://cloudnative-pg.github.io/charts"
  chart      = "plugin-barman-cloud"
  version    = "0.7.0" # plugin v0.13.0
  namespace  = kubernetes_namespace_v1.cnpg_system.metadata[0].name

  atomic          = true
  cleanup_on_fail = true
  max_history     = local.helm_max_history

  depends_on = [helm_release.cloudnative_pg, helm_release.cert_manager]
}

module "database_backups" {
  source = "./modules/private-bucket"

  name                    = var.database_backup_bucket_name
  noncurrent_version_days = var.database_backup_noncurrent_days
}

# Barman Cloud writes base backups and WAL segments, lists them, reads them back to restore, and deletes what falls
# out of the retention policy; nothing else, and in this bucket only.
data "aws_iam_policy_document" "database_backups" {
  statement {
    sid       = "ListTheBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [module.database_backups.arn]
  }

  statement {
    sid       = "ReadAndWriteBackups"
    effect    = "Allow"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"]
    resources = ["${module.database_backups.arn}/*"]
  }
}

resource "aws_iam_role_policy" "database_backups" {
  name   = "database-backups"
  role   = aws_iam_role.pod_identity["database-backups"].id
  policy = data.aws_iam_policy_document.database_backups.json
}

# CloudNativePG runs the Cluster's pods under a service account named after the Cluster.
resource "aws_eks_pod_identity_association" "database_backups" {
  cluster_name    = module.eks.cluster_name
  namespace       = local.database_backup_sa.namespace
  service_account = local.database_backup_sa.name
  role_arn        = aws_iam_role.pod_identity["database-backups"].arn
}

# A Cluster restored from the backups (docs/operations.md, restore to a point in time) reads them under its own name.
resource "aws_eks_pod_identity_association" "database_restores" {
  for_each = toset(var.database_restore_cluster_names)

  cluster_name    = module.eks.cluster_name
  namespace       = local.database_backup_sa.namespace
  service_account = each.key
  role_arn        = aws_iam_role.pod_identity["database-backups"].arn
}
