terraform {
  # 1.11: S3 native state locking (use_lockfile) is GA, and cross-variable
  # references in validation blocks (>= 1.9) are used in variables.tf.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    # The external database's password as an ephemeral value (3.7.1 and later).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.7, >= 3.7.1"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
    # Not used directly: the EKS module needs them. Constrained here so that a
    # provider upgrade is a reviewed change of .terraform.lock.hcl, not a surprise.
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
    time = {
      source  = "hashicorp/time"
      version = "~> 0.13"
    }
  }
}
