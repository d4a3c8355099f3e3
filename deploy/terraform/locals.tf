data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_availability_zones" "available" {
  state = "available"

  # Only regular AZs: Local Zones and Wavelength Zones cannot host EKS nodes
  # behind a NAT gateway the way this VPC is laid out.
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # Three AZs: the node group, the ALB and the API's topology spread all
  # tolerate the loss of one zone.
  azs = slice(data.aws_availability_zones.available.names, 0, 3)

  tags = {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
    Repository  = var.github_repository
  }

  # Namespaces and service accounts of the platform components that call AWS
  # APIs. Each gets its own IAM role through EKS Pod Identity (iam-pod-identity.tf).
  ebs_csi_sa       = { namespace = "kube-system", name = "ebs-csi-controller-sa" }
  lb_controller_sa = { namespace = "kube-system", name = "aws-load-balancer-controller" }
  external_dns_sa  = { namespace = "external-dns", name = "external-dns" }

  database_backup_sa = { namespace = var.app_namespace, name = var.database_cluster_name }
}
