module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 21.0"

  # v21 input names (v20 used cluster_name, cluster_version, cluster_addons,
  # cluster_endpoint_public_access, cluster_encryption_config, ...).
  name               = var.cluster_name
  kubernetes_version = var.kubernetes_version

  vpc_id     = module.vpc.vpc_id
  subnet_ids = module.vpc.private_subnets

  endpoint_private_access      = true
  endpoint_public_access       = var.endpoint_public_access
  endpoint_public_access_cidrs = var.endpoint_public_access_cidrs

  cloudwatch_log_group_retention_in_days = var.cluster_log_retention_days

  # Workload AWS credentials use EKS Pod Identity (iam-pod-identity.tf), so the
  # IRSA OIDC provider would be an unused trust anchor.
  enable_irsa = false

  ##############################################################################
  # Access: EKS access entries only
  ##############################################################################
  # "API" disables the aws-auth ConfigMap entirely. Access entries are plain AWS
  # resources: declared and reviewed here, applied through the EKS API with the
  # AWS provider alone. Patching aws-auth instead would mean a null_resource
  # shelling out to kubectl/aws on the machine that runs Terraform: it needs
  # those CLIs and a kubeconfig there, breaks in CI, is invisible to plan,
  # leaves no drift detection, and can lock everyone out with one bad edit.
  authentication_mode = "API"

  # Off: see the variable. Admins are listed explicitly below.
  enable_cluster_creator_admin_permissions = var.enable_cluster_creator_admin_permissions

  access_entries = merge(
    {
      # The deploy pipeline: kubectl apply -k deploy/k8s/overlays/production,
      # rollout status/undo, and the helm releases of this stack.
      github_actions = {
        principal_arn = aws_iam_role.github_actions.arn
        policy_associations = {
          cluster_admin = {
            policy_arn = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
            access_scope = {
              type = "cluster"
            }
          }
        }
      }
    },
    {
      for arn in var.cluster_admin_principal_arns : arn => {
        principal_arn = arn
        policy_associations = {
          cluster_admin = {
            policy_arn = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
            access_scope = {
              type = "cluster"
            }
          }
        }
      }
    },
  )

  ##############################################################################
  # Secrets encryption (envelope encryption of Kubernetes Secrets in etcd)
  ##############################################################################
  create_kms_key                  = true
  enable_kms_key_rotation         = true
  kms_key_deletion_window_in_days = 30
  # Explicit administrators: the module otherwise makes "whoever runs apply" the
  # key administrator, which rewrites the key policy whenever a human and CI
  # take turns.
  kms_key_administrators = concat(var.cluster_admin_principal_arns, [aws_iam_role.github_actions.arn])
  encryption_config = {
    resources = ["secrets"]
  }

  ##############################################################################
  # Add-ons (EKS managed; most_recent = true by default in v21)
  ##############################################################################
  addons = {
    # Networking and the Pod Identity agent must be up before nodes join, or
    # nodes stay NotReady and pods cannot fetch credentials.
    vpc-cni = {
      before_compute = true
    }
    eks-pod-identity-agent = {
      before_compute = true
    }
    coredns    = {}
    kube-proxy = {}
    aws-ebs-csi-driver = {
      pod_identity_association = [{
        role_arn        = aws_iam_role.pod_identity["ebs-csi"].arn
        service_account = local.ebs_csi_sa.name
      }]
    }
    # EKS community add-on; backs kubectl top and the API's HorizontalPodAutoscaler.
    metrics-server = {}
  }

  ##############################################################################
  # Managed node group
  ##############################################################################
  eks_managed_node_groups = {
    default = {
      ami_type       = "AL2023_x86_64_STANDARD"
      instance_types = var.node_instance_types
      capacity_type  = var.node_capacity_type

      min_size     = var.node_min_size
      max_size     = var.node_max_size
      desired_size = var.node_desired_size

      # Private subnets only, spread over the three AZs.
      subnet_ids = module.vpc.private_subnets

      # IMDSv2 only (session tokens required). Hop limit 1 keeps containers from
      # reaching the node's metadata endpoint, and so the node IAM role; the
      # platform components get their own credentials through Pod Identity and
      # the load balancer controller is given region and VPC id explicitly
      # (helm.tf), so none of them needs IMDS. 2 would let pods through.
      metadata_options = {
        http_endpoint               = "enabled"
        http_tokens                 = "required"
        http_put_response_hop_limit = var.node_metadata_hop_limit
        instance_metadata_tags      = "disabled"
      }

      # Root volume (AL2023 uses /dev/xvda): encrypted gp3 with the account's
      # default EBS key.
      block_device_mappings = {
        xvda = {
          device_name = "/dev/xvda"
          ebs = {
            volume_size           = var.node_disk_size_gib
            volume_type           = "gp3"
            encrypted             = true
            delete_on_termination = true
          }
        }
      }

      # Replace at most a third of the nodes at a time during AMI/version updates.
      update_config = {
        max_unavailable_percentage = 33
      }

      labels = {
        pool = "default"
      }
    }
  }
}
