################################################################################
# General
################################################################################

variable "region" {
  description = "AWS region for every resource of the stack, e.g. us-east-1."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", var.region))
    error_message = "region must be an AWS region code such as us-east-1 or eu-central-1."
  }
}

variable "aws_account_id" {
  description = "If set, the AWS provider refuses to run against any other account (allowed_account_ids). Recommended for production."
  type        = string
  default     = null

  validation {
    condition     = var.aws_account_id == null || can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be a 12-digit AWS account id, or null."
  }
}

variable "project" {
  description = "Project name, used in the Project tag of every resource."
  type        = string
  default     = "comments"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,31}$", var.project))
    error_message = "project must be 2-32 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name, used in the Environment tag of every resource."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2-16 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

################################################################################
# Network
################################################################################

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC, /16 to /18. Split into three private subnets of 1/16 each (nodes and pods: the VPC CNI gives every pod a VPC address) and three public subnets of 1/256 each (load balancers, NAT gateways; /26 at /18, the smallest that leaves an ALB room to scale)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && try(cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false)
    error_message = "vpc_cidr must be a valid IPv4 network address in CIDR notation, e.g. 10.0.0.0/16 (no host bits set)."
  }

  validation {
    condition     = try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 18, false)
    error_message = "vpc_cidr must have a prefix length between /16 and /18."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by all AZs (cheaper) instead of one per AZ (survives the loss of the NAT gateway's AZ). Set to false for zone-redundant egress."
  type        = bool
  default     = true
}

variable "enable_vpc_flow_logs" {
  description = "Send VPC flow logs to CloudWatch Logs."
  type        = bool
  default     = true
}

variable "vpc_flow_log_retention_days" {
  description = "Retention of the VPC flow log group, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.vpc_flow_log_retention_days)
    error_message = "vpc_flow_log_retention_days must be one of the retention periods CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

################################################################################
# EKS cluster
################################################################################

variable "cluster_name" {
  description = "Name of the EKS cluster; also the prefix of its IAM roles, so at most 30 characters."
  type        = string
  default     = "comments-production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,28}[a-z0-9]$", var.cluster_name))
    error_message = "cluster_name must be 2-30 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the managed node group (EKS supported version, e.g. 1.35). Upgrade one minor version at a time."
  type        = string
  default     = "1.35"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a Kubernetes minor version such as 1.35."
  }
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API on a public endpoint (the private endpoint is always on). GitHub-hosted runners reach the cluster through it."
  type        = bool
  default     = true
}

variable "endpoint_public_access_cidrs" {
  description = "CIDRs allowed to reach the public API endpoint. GitHub-hosted runners have no fixed addresses, hence the open default; narrow it when using self-hosted or larger runners with static IPs. Authentication (IAM + access entries) applies regardless."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.endpoint_public_access_cidrs) > 0 && alltrue([for cidr in var.endpoint_public_access_cidrs : can(cidrhost(cidr, 0))])
    error_message = "endpoint_public_access_cidrs must be a non-empty list of valid IPv4 CIDR blocks."
  }
}

variable "cluster_admin_principal_arns" {
  description = "IAM role or user ARNs (not assumed-role session ARNs) granted cluster-admin through EKS access entries and made administrators of the secrets KMS key, e.g. the SSO role of the platform team. Include the principal that runs the first apply."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.cluster_admin_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "cluster_admin_principal_arns must contain IAM role or user ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "enable_cluster_creator_admin_permissions" {
  description = "Also grant cluster-admin to whichever identity runs Terraform. Off by default: that identity differs between a human and CI, and the access entry would be replaced on every switch. List admins in cluster_admin_principal_arns instead."
  type        = bool
  default     = false
}

variable "cluster_log_retention_days" {
  description = "Retention of the control plane log group (audit, api, authenticator), in days."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cluster_log_retention_days)
    error_message = "cluster_log_retention_days must be one of the retention periods CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

################################################################################
# Managed node group
################################################################################

variable "node_instance_types" {
  description = "EC2 instance types of the managed node group (x86_64, for the AL2023_x86_64_STANDARD AMI). Several types only make sense with SPOT capacity."
  type        = list(string)
  default     = ["m6i.large"]

  validation {
    condition     = length(var.node_instance_types) > 0 && alltrue([for t in var.node_instance_types : can(regex("^[a-z][a-z0-9-]*\\.[a-z0-9]+$", t))])
    error_message = "node_instance_types must be a non-empty list of EC2 instance types such as m6i.large."
  }
}

variable "node_capacity_type" {
  description = "ON_DEMAND or SPOT capacity for the managed node group."
  type        = string
  default     = "ON_DEMAND"

  validation {
    condition     = contains(["ON_DEMAND", "SPOT"], var.node_capacity_type)
    error_message = "node_capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "node_min_size" {
  description = "Minimum number of nodes."
  type        = number
  default     = 3

  validation {
    condition     = var.node_min_size >= 1 && floor(var.node_min_size) == var.node_min_size
    error_message = "node_min_size must be a whole number of at least 1."
  }
}

variable "node_max_size" {
  description = "Maximum number of nodes."
  type        = number
  default     = 6

  validation {
    condition     = floor(var.node_max_size) == var.node_max_size && var.node_max_size >= var.node_min_size && var.node_max_size <= 100
    error_message = "node_max_size must be a whole number, at least node_min_size and at most 100."
  }
}

variable "node_desired_size" {
  description = "Initial number of nodes. Must lie within [node_min_size, node_max_size]. The EKS module ignores later changes to it so that an autoscaler can own it."
  type        = number
  default     = 3

  validation {
    condition     = floor(var.node_desired_size) == var.node_desired_size && var.node_desired_size >= var.node_min_size && var.node_desired_size <= var.node_max_size
    error_message = "node_desired_size must be a whole number with node_min_size <= node_desired_size <= node_max_size."
  }
}

variable "node_disk_size_gib" {
  description = "Size of each node's encrypted gp3 root volume, in GiB (images and emptyDir volumes live there)."
  type        = number
  default     = 50

  validation {
    condition     = var.node_disk_size_gib >= 20 && var.node_disk_size_gib <= 1000
    error_message = "node_disk_size_gib must be between 20 and 1000."
  }
}

variable "node_metadata_hop_limit" {
  description = "IMDSv2 PUT response hop limit of the nodes. 1 (default) keeps pods from reaching the instance metadata service and thus the node role; every AWS-calling component here uses EKS Pod Identity instead. Use 2 only if a pod really needs IMDS."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 2], var.node_metadata_hop_limit)
    error_message = "node_metadata_hop_limit must be 1 or 2."
  }
}

################################################################################
# ECR
################################################################################

variable "ecr_repository_name" {
  description = "Name of the ECR repository of the API image."
  type        = string
  default     = "comments-api"

  validation {
    condition     = length(var.ecr_repository_name) >= 2 && length(var.ecr_repository_name) <= 256 && can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", var.ecr_repository_name))
    error_message = "ecr_repository_name must be a valid ECR repository name: lowercase letters, digits, and . _ - / separators."
  }
}

variable "ecr_image_retention_count" {
  description = "Number of most recent images kept in ECR; older ones expire. Rollbacks can only go back this far."
  type        = number
  default     = 30

  validation {
    condition     = var.ecr_image_retention_count > 0 && var.ecr_image_retention_count <= 10000 && floor(var.ecr_image_retention_count) == var.ecr_image_retention_count
    error_message = "ecr_image_retention_count must be a whole number between 1 and 10000."
  }
}

variable "ecr_untagged_image_expiry_days" {
  description = "Untagged images (superseded layers of failed or re-run pushes) expire this many days after push."
  type        = number
  default     = 7

  validation {
    condition     = var.ecr_untagged_image_expiry_days >= 1 && floor(var.ecr_untagged_image_expiry_days) == var.ecr_untagged_image_expiry_days
    error_message = "ecr_untagged_image_expiry_days must be a whole number of at least 1."
  }
}

variable "ecr_force_delete" {
  description = "Let terraform destroy delete the ECR repository even if it still holds images. Keep false in production; set true only for throwaway environments."
  type        = bool
  default     = false
}

################################################################################
# GitHub Actions (OIDC)
################################################################################

variable "github_repository" {
  description = "GitHub repository allowed to assume the deploy role, as owner/name exactly as GitHub spells it (the OIDC sub claim is matched case-sensitively)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must look like owner/name, e.g. my-org/comments-on-aspire."
  }
}

variable "github_branch" {
  description = "Branch whose push workflows may assume the deploy role (sub = repo:<repository>:ref:refs/heads/<branch>)."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+$", var.github_branch))
    error_message = "github_branch must be a plain branch name (no wildcards)."
  }
}

variable "github_environment" {
  description = "GitHub deployment environment whose jobs may assume the deploy role (sub = repo:<repository>:environment:<name>). Protect it with required reviewers in GitHub."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]+$", var.github_environment))
    error_message = "github_environment must be a plain environment name (no wildcards)."
  }
}

variable "github_allow_pull_requests" {
  description = "Let pull_request workflows of the repository assume the role (sub = repo:<repository>:pull_request), for terraform plan on PRs. Fork PRs never receive an OIDC token."
  type        = bool
  default     = true
}

variable "create_github_oidc_provider" {
  description = "Create the account's token.actions.githubusercontent.com OIDC provider. An account can only have one; set false if it already exists and it is looked up instead."
  type        = bool
  default     = true
}

variable "github_oidc_thumbprints" {
  description = "Optional certificate thumbprints for the GitHub OIDC provider. AWS no longer uses them for token.actions.githubusercontent.com (it trusts the IdP's CA chain), so the default leaves them to AWS."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.github_oidc_thumbprints : can(regex("^[0-9a-fA-F]{40}$", t))])
    error_message = "github_oidc_thumbprints must contain 40-character hexadecimal SHA-1 thumbprints."
  }
}

variable "github_actions_additional_policy_arns" {
  description = "Extra IAM policy ARNs attached to the GitHub Actions role, e.g. a reviewed policy that lets CI run terraform plan/apply for this stack. Empty by default: the role can only push the image, reach the cluster and use the state."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.github_actions_additional_policy_arns : can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", arn))])
    error_message = "github_actions_additional_policy_arns must contain IAM policy ARNs."
  }
}

################################################################################
# Terraform state (access for the GitHub Actions role)
################################################################################

variable "state_bucket_name" {
  description = "S3 bucket holding the Terraform state (the bucket of backend.hcl). The GitHub Actions role may read and write the state file and its lock file there."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be a valid S3 bucket name."
  }
}

variable "state_key" {
  description = "Key of the state object in the bucket (the key of backend.hcl). Access is limited to it and to <key>.tflock."
  type        = string
  default     = "comments/production/terraform.tfstate"

  validation {
    condition     = length(var.state_key) > 0 && !startswith(var.state_key, "/") && !strcontains(var.state_key, "*")
    error_message = "state_key must be a non-empty S3 key without a leading slash or wildcards."
  }
}

variable "state_kms_key_arn" {
  description = "Customer managed KMS key encrypting the state bucket, if any (backend kms_key_id or bucket default). The GitHub Actions role gets Encrypt/Decrypt/GenerateDataKey on it. null for SSE-S3."
  type        = string
  default     = null

  validation {
    condition     = var.state_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.state_kms_key_arn))
    error_message = "state_kms_key_arn must be a KMS key ARN, or null."
  }
}

variable "state_lock_table_name" {
  description = "Legacy DynamoDB lock table, only if the backend still uses dynamodb_table instead of use_lockfile. null (default) with S3 native locking."
  type        = string
  default     = null

  validation {
    condition     = var.state_lock_table_name == null || can(regex("^[A-Za-z0-9_.-]{3,255}$", var.state_lock_table_name))
    error_message = "state_lock_table_name must be a valid DynamoDB table name, or null."
  }
}

################################################################################
# Platform add-ons (Helm)
################################################################################

variable "route53_zone_id" {
  description = "Id of the Route 53 hosted zone external-dns manages (e.g. Z0123456789ABCDEFGHIJ). Its IAM permissions are limited to this zone."
  type        = string

  validation {
    condition     = can(regex("^Z[0-9A-Z]{1,31}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (without the /hostedzone/ prefix)."
  }
}

variable "external_dns_policy" {
  description = "external-dns synchronisation policy: upsert-only never deletes records (safest), sync also removes records of deleted Ingresses/Services, create-only never updates."
  type        = string
  default     = "upsert-only"

  validation {
    condition     = contains(["sync", "upsert-only", "create-only"], var.external_dns_policy)
    error_message = "external_dns_policy must be one of sync, upsert-only, create-only."
  }
}

variable "prometheus_retention" {
  description = "How long Prometheus keeps samples (Prometheus duration, e.g. 15d)."
  type        = string
  default     = "15d"

  validation {
    condition     = can(regex("^[0-9]+(h|d|w|y)$", var.prometheus_retention))
    error_message = "prometheus_retention must be a Prometheus duration such as 12h, 15d, 2w or 1y."
  }
}

variable "prometheus_storage_size" {
  description = "Size of the Prometheus persistent volume (gp3, encrypted)."
  type        = string
  default     = "50Gi"

  validation {
    condition     = can(regex("^[1-9][0-9]*Gi$", var.prometheus_storage_size))
    error_message = "prometheus_storage_size must be a whole number of Gi, e.g. 50Gi."
  }
}

variable "enable_chaos_mesh" {
  description = "Install Chaos Mesh (chaos experiments). Off by default: its daemon runs privileged on every node; enable it for resilience testing only."
  type        = bool
  default     = false
}

################################################################################
# Database (CloudNativePG)
################################################################################

variable "app_namespace" {
  description = "Namespace the production overlay deploys the app and its database Cluster to (deploy/k8s/overlays/production)."
  type        = string
  default     = "comments"
}

variable "database_cluster_name" {
  description = "Name of the CloudNativePG Cluster, which is also its service account's: the PostgreSQL resource of the AppHost."
  type        = string
  default     = "postgres"
}

variable "database_restore_cluster_names" {
  description = "CloudNativePG Clusters restored from the backups (in app_namespace), which may read the bucket too."
  type        = list(string)
  default     = []
}

variable "database_backup_bucket_name" {
  description = "Globally unique name of the S3 bucket for the database's base backups and WAL archive (Barman Cloud)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.database_backup_bucket_name))
    error_message = "database_backup_bucket_name must be a valid S3 bucket name."
  }
}

variable "database_backup_noncurrent_days" {
  description = "Days a deleted backup object stays recoverable in the versioned bucket after Barman's retention removed it."
  type        = number
  default     = 14
}

variable "external_database" {
  description = <<-EOT
    Amazon RDS for PostgreSQL instead of the CloudNativePG Cluster (rds.tf); null (the default) creates none. The
    AppHost then publishes postgres with PublishAsExternalDatabase(kubernetes_secret) and the production overlay
    includes base/postgres-external (docs/operations.md). password_version: change it to set a new password on the
    instance and in the secret in one apply.
  EOT
  type = object({
    instance_class        = optional(string, "db.m7g.large")
    engine_version        = optional(string, "17.6")
    database_name         = optional(string, "comments")
    username              = optional(string, "comments")
    storage_gb            = optional(number, 50)
    max_storage_gb        = optional(number, 200)
    backup_retention_days = optional(number, 14)
    deletion_protection   = optional(bool, true)
    password_version      = optional(number, 1)
    kubernetes_namespace  = optional(string, "comments")
    kubernetes_secret     = optional(string, "comments-db")
  })
  default = null

  validation {
    condition     = var.external_database == null || can(regex("^db\\.", var.external_database.instance_class))
    error_message = "external_database.instance_class must be an RDS instance class, e.g. db.m7g.large."
  }

  validation {
    condition     = var.external_database == null || try(tonumber(split(".", var.external_database.engine_version)[0]) >= 15, false)
    error_message = "external_database.engine_version must be PostgreSQL 15 or later (e.g. 17.6), as the api is tested against."
  }

  validation {
    condition     = var.external_database == null || try(var.external_database.backup_retention_days >= 7 && var.external_database.backup_retention_days <= 35, false)
    error_message = "external_database.backup_retention_days must be 7 to 35: point-in-time restore needs the automated backups."
  }

  validation {
    condition     = var.external_database == null || try(var.external_database.max_storage_gb >= var.external_database.storage_gb, false)
    error_message = "external_database.max_storage_gb (storage autoscaling's ceiling) must be at least storage_gb."
  }

  validation {
    condition     = var.external_database == null || can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.external_database.kubernetes_secret))
    error_message = "external_database.kubernetes_secret must be a Kubernetes Secret name (lower case letters, digits, '-'), as given to PublishAsExternalDatabase."
  }
}

################################################################################
# The api's public name
################################################################################

variable "api_host" {
  description = "Public host name of the api (e.g. comments.example.org), in the Route 53 zone route53_zone_id: the ACM certificate is issued for it."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.api_host))
    error_message = "api_host must be a lower-case DNS name such as comments.example.org."
  }
}
