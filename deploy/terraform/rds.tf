################################################################################
# Optional: Amazon RDS for PostgreSQL instead of the CloudNativePG Cluster, when
# var.external_database is set. Multi-AZ (a synchronous standby in another
# zone), encrypted, backed up daily with point-in-time restore, reachable from
# the cluster's nodes only.
#
# The password never enters plan or state: an ephemeral value, written once to
# the instance and to a Secrets Manager secret (write-only arguments), again
# when password_version changes. The deploy job (pipe.yaml) turns that secret
# into the Kubernetes Secret that the base's postgres-external component reads.
################################################################################

locals {
  external_database       = var.external_database != null
  external_database_count = local.external_database ? 1 : 0
}

resource "aws_db_subnet_group" "external" {
  count = local.external_database_count

  name        = "${var.cluster_name}-database"
  description = "Private subnets of ${var.cluster_name} for its PostgreSQL instance."
  subnet_ids  = module.vpc.private_subnets
}

resource "aws_security_group" "external_database" {
  count = local.external_database_count

  name_prefix = "${var.cluster_name}-database-"
  description = "PostgreSQL of ${var.cluster_name}: from its nodes only."
  vpc_id      = module.vpc.vpc_id

  lifecycle {
    create_before_destroy = true
  }
}

# Pods use the nodes' network interfaces (VPC CNI), so the node security group is theirs.
resource "aws_vpc_security_group_ingress_rule" "external_database_from_nodes" {
  count = local.external_database_count

  security_group_id            = aws_security_group.external_database[0].id
  description                  = "PostgreSQL from the EKS nodes"
  referenced_security_group_id = module.eks.node_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# Letters and digits only: the password goes into connection strings unescaped.
ephemeral "random_password" "external_database" {
  count = local.external_database_count

  length  = 40
  special = false
}

resource "aws_db_instance" "external" {
  count = local.external_database_count

  identifier     = "${var.cluster_name}-database"
  engine         = "postgres"
  engine_version = var.external_database.engine_version
  instance_class = var.external_database.instance_class

  db_name             = var.external_database.database_name
  username            = var.external_database.username
  password_wo         = ephemeral.random_password.external_database[0].result
  password_wo_version = var.external_database.password_version

  allocated_storage     = var.external_database.storage_gb
  max_allocated_storage = var.external_database.max_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true

  multi_az               = true
  db_subnet_group_name   = aws_db_subnet_group.external[0].name
  vpc_security_group_ids = [aws_security_group.external_database[0].id]
  publicly_accessible    = false

  backup_retention_period   = var.external_database.backup_retention_days
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:04:00-sun:05:00"
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = var.external_database.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.cluster_name}-database-final"

  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_secretsmanager_secret" "external_database" {
  count = local.external_database_count

  name                    = "${var.cluster_name}/database"
  description             = "Username and password of ${aws_db_instance.external[0].identifier}; the deploy job copies them into the Kubernetes Secret ${var.external_database.kubernetes_secret}."
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "external_database" {
  count = local.external_database_count

  secret_id = aws_secretsmanager_secret.external_database[0].id
  secret_string_wo = jsonencode({
    username = var.external_database.username
    password = ephemeral.random_password.external_database[0].result
  })
  secret_string_wo_version = var.external_database.password_version
}
