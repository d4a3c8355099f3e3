output "region" {
  description = "AWS region of the stack."
  value       = var.region
}

output "cluster_name" {
  description = "Name of the EKS cluster."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Endpoint of the Kubernetes API server."
  value       = module.eks.cluster_endpoint
}

output "cluster_arn" {
  description = "ARN of the EKS cluster."
  value       = module.eks.cluster_arn
}

output "kubeconfig_command" {
  description = "Command that adds the cluster to your kubeconfig (needs an access entry: cluster_admin_principal_arns)."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "vpc_id" {
  description = "Id of the VPC."
  value       = module.vpc.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets (nodes, internal load balancers)."
  value       = module.vpc.private_subnets
}

output "public_subnet_ids" {
  description = "Public subnets (internet-facing load balancers, NAT)."
  value       = module.vpc.public_subnets
}

output "ecr_repository_url" {
  description = "URL of the API image repository, for docker push and the kustomize image override."
  value       = aws_ecr_repository.api.repository_url
}

output "github_actions_role_arn" {
  description = "Role for aws-actions/configure-aws-credentials (role-to-assume) in the GitHub workflows."
  value       = aws_iam_role.github_actions.arn
}

output "eks_secrets_kms_key_arn" {
  description = "KMS key encrypting Kubernetes Secrets."
  value       = module.eks.kms_key_arn
}

output "grafana_port_forward" {
  description = "Reach Grafana on http://localhost:3000 (user admin)."
  value       = "kubectl -n ${kubernetes_namespace_v1.monitoring.metadata[0].name} port-forward svc/${helm_release.kube_prometheus_stack.name}-grafana 3000:80"
}

output "grafana_admin_password_command" {
  description = "Prints the generated Grafana admin password (kept in the cluster, not in Terraform state)."
  value       = "kubectl -n ${kubernetes_namespace_v1.monitoring.metadata[0].name} get secret ${helm_release.kube_prometheus_stack.name}-grafana -o jsonpath='{.data.admin-password}' | base64 -d"
}

output "prometheus_port_forward" {
  description = "Reach Prometheus on http://localhost:9090."
  value       = "kubectl -n ${kubernetes_namespace_v1.monitoring.metadata[0].name} port-forward svc/${helm_release.kube_prometheus_stack.name}-prometheus 9090:9090"
}

output "jaeger_port_forward" {
  description = "Reach the Jaeger UI on http://localhost:16686."
  value       = "kubectl -n ${kubernetes_namespace_v1.observability.metadata[0].name} port-forward svc/${helm_release.jaeger.name} 16686:16686"
}

output "jaeger_otlp_endpoint" {
  description = "In-cluster OTLP/gRPC endpoint of the platform Jaeger."
  value       = "http://${helm_release.jaeger.name}.${kubernetes_namespace_v1.observability.metadata[0].name}.svc.cluster.local:4317"
}

output "database_backup_bucket" {
  description = "S3 bucket of the database's base backups and WAL archive: the destination of the Cluster's ObjectStore."
  value       = module.database_backups.name
}

output "api_host" {
  description = "Public host name of the api."
  value       = var.api_host
}

output "certificate_arn" {
  description = "ARN of the api's ACM certificate, validated by DNS: the load balancer's alb.ingress.kubernetes.io/certificate-arn."
  value       = module.api_certificate.acm_certificate_arn
}

output "external_database_host" {
  description = "Address of the RDS instance (external_database), empty without one."
  value       = local.external_database ? aws_db_instance.external[0].address : ""
}

output "external_database_secret_arn" {
  description = "Secrets Manager secret with the RDS instance's username and password, empty without one: the deploy job copies it into the Kubernetes Secret."
  value       = local.external_database ? aws_secretsmanager_secret.external_database[0].arn : ""
}

output "external_database_kubernetes_secret" {
  description = "Namespace/name of the Kubernetes Secret the api reads the RDS instance's host, port, username and password from, empty without one."
  value       = local.external_database ? "${var.external_database.kubernetes_namespace}/${var.external_database.kubernetes_secret}" : ""
}
