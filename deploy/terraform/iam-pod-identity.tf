################################################################################
# IAM roles of the platform components, delivered through EKS Pod Identity.
#
# Pod Identity rather than IRSA: no per-cluster OIDC provider in the trust
# policy, no service account annotations, and the same role definition works
# for any cluster. Each role is bound to one namespace/service account of this
# cluster through the session tags EKS attaches when it assumes the role.
################################################################################

locals {
  pod_identity_service_accounts = {
    "ebs-csi"                      = local.ebs_csi_sa
    "aws-load-balancer-controller" = local.lb_controller_sa
    "external-dns"                 = local.external_dns_sa
    "database-backups"             = local.database_backup_sa
  }

  route53_zone_arn = "arn:${local.partition}:route53:::hostedzone/${var.route53_zone_id}"
}

data "aws_iam_policy_document" "pod_identity_trust" {
  for_each = local.pod_identity_service_accounts

  statement {
    sid     = "EksPodIdentity"
    effect  = "Allow"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }

    # The name, not module.eks.cluster_arn: the EBS CSI role is an input of the
    # cluster's add-ons, so referencing the cluster here would be a cycle.
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/eks-cluster-name"
      values   = [var.cluster_name]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/kubernetes-namespace"
      values   = [each.value.namespace]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/kubernetes-service-account"
      values   = [each.value.name]
    }
  }
}

resource "aws_iam_role" "pod_identity" {
  for_each = local.pod_identity_service_accounts

  name               = "${var.cluster_name}-${each.key}"
  description        = "EKS Pod Identity role of ${each.value.namespace}/${each.value.name} in ${var.cluster_name}."
  assume_role_policy = data.aws_iam_policy_document.pod_identity_trust[each.key].json
}

################################################################################
# EBS CSI driver (association is made by the add-on itself, see eks.tf)
################################################################################

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  role       = aws_iam_role.pod_identity["ebs-csi"].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

################################################################################
# AWS Load Balancer Controller
################################################################################

# policies/aws-load-balancer-controller.json follows the controller's published
# iam_policy.json (explicit actions, tag-conditioned writes) with the ARNs
# narrowed to this account and region, and the retired WAF Classic (waf-regional)
# actions dropped. Resource "*" remains only where the API has no resource-level
# permissions (Describe*, Create* before the resource exists) or where the
# statement is constrained by the elbv2.k8s.aws/cluster tag instead.
# Inline rather than a managed policy: the document is close to the 6,144
# character limit of managed policies; inline policies allow 10,240.
resource "aws_iam_role_policy" "aws_load_balancer_controller" {
  name = "aws-load-balancer-controller"
  role = aws_iam_role.pod_identity["aws-load-balancer-controller"].id
  policy = jsonencode(jsondecode(templatefile("${path.module}/policies/aws-load-balancer-controller.json", {
    partition  = local.partition
    region     = var.region
    account_id = local.account_id
  })))
}

resource "aws_eks_pod_identity_association" "aws_load_balancer_controller" {
  cluster_name    = module.eks.cluster_name
  namespace       = local.lb_controller_sa.namespace
  service_account = local.lb_controller_sa.name
  role_arn        = aws_iam_role.pod_identity["aws-load-balancer-controller"].arn
}

################################################################################
# external-dns: one hosted zone only
################################################################################

data "aws_iam_policy_document" "external_dns" {
  # Record changes in the one zone, and only for the record types external-dns
  # writes (alias A/AAAA for load balancers, CNAME, TXT ownership records).
  statement {
    sid       = "ChangeRecordsInZone"
    effect    = "Allow"
    actions   = ["route53:ChangeResourceRecordSets"]
    resources = [local.route53_zone_arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "route53:ChangeResourceRecordSetsRecordTypes"
      values   = ["A", "AAAA", "CNAME", "TXT"]
    }
  }

  statement {
    sid       = "ReadZone"
    effect    = "Allow"
    actions   = ["route53:ListResourceRecordSets", "route53:ListTagsForResource"]
    resources = [local.route53_zone_arn]
  }

  # ListHostedZones has no resource-level permissions; external-dns then keeps
  # only the configured zone (--zone-id-filter).
  statement {
    sid       = "ListZones"
    effect    = "Allow"
    actions   = ["route53:ListHostedZones"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "external_dns" {
  name   = "route53-zone"
  role   = aws_iam_role.pod_identity["external-dns"].id
  policy = data.aws_iam_policy_document.external_dns.json
}

resource "aws_eks_pod_identity_association" "external_dns" {
  cluster_name    = module.eks.cluster_name
  namespace       = local.external_dns_sa.namespace
  service_account = local.external_dns_sa.name
  role_arn        = aws_iam_role.pod_identity["external-dns"].arn
}
