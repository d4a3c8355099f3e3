# Three AZs, each with a private subnet (nodes and pods) and a public subnet
# (internet-facing load balancers, NAT gateway). Nodes get no public address;
# they reach the internet (ECR, EKS API, Route 53) through NAT.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 6.0"

  name = var.cluster_name
  cidr = var.vpc_cidr
  azs  = local.azs

  # Private: 1/16 of the VPC each (a /20 out of a /16), since the VPC CNI
  # assigns every pod a VPC address. Public: 1/256 each (/24 out of a /16),
  # placed right after the private ranges so they never overlap.
  private_subnets = [for i in range(length(local.azs)) : cidrsubnet(var.vpc_cidr, 4, i)]
  public_subnets  = [for i in range(length(local.azs)) : cidrsubnet(var.vpc_cidr, 8, 48 + i)]

  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  enable_dns_hostnames = true
  enable_dns_support   = true

  # Nothing should land in the public subnets by accident with a public IP;
  # load balancers get theirs from ELB regardless of this setting.
  map_public_ip_on_launch = false

  # Lock down the default security group (no rules) so nothing relies on it.
  manage_default_security_group = true

  enable_flow_log                                 = var.enable_vpc_flow_logs
  create_flow_log_cloudwatch_log_group            = var.enable_vpc_flow_logs
  create_flow_log_cloudwatch_iam_role             = var.enable_vpc_flow_logs
  flow_log_max_aggregation_interval               = 60
  flow_log_cloudwatch_log_group_retention_in_days = var.vpc_flow_log_retention_days

  # Subnet discovery by the AWS Load Balancer Controller: internet-facing
  # ALBs/NLBs go to subnets tagged elb, internal ones to internal-elb.
  public_subnet_tags = {
    "kubernetes.io/role/elb" = "1"
  }

  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = "1"
  }
}
