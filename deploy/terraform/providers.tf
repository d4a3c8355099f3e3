# Credentials come from the environment only: an SSO/assumed-role session for a
# human, or the GitHub Actions OIDC role (aws-actions/configure-aws-credentials)
# in CI. Nothing here, or anywhere in this stack, holds static keys.
provider "aws" {
  region = var.region

  # Refuse to run against any other account when one is pinned: a cheap guard
  # against applying production with the wrong profile.
  allowed_account_ids = var.aws_account_id == null ? null : [var.aws_account_id]

  default_tags {
    tags = local.tags
  }
}

# Both cluster providers authenticate with a short-lived token from
# `aws eks get-token`, obtained with whatever AWS identity runs Terraform.
# That identity is authorised in the cluster through an EKS access entry
# (eks.tf), so no kubeconfig file is read or written, and tokens never land in
# the state. Requires the AWS CLI v2 on the machine running Terraform.
provider "kubernetes" {
  host                   = module.eks.cluster_endpoint
  cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
  }
}

# helm provider 3.x: `kubernetes` and `exec` are nested attributes (= { ... }),
# not blocks as in 2.x.
provider "helm" {
  kubernetes = {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)

    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
    }
  }
}
