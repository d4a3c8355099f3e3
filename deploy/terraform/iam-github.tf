################################################################################
# GitHub Actions -> AWS through OIDC: short-lived credentials per workflow run,
# no access keys stored in GitHub.
################################################################################

# One provider per account and URL. AWS validates GitHub's tokens against its
# own trusted CA store for this IdP, so thumbprints are optional (kept as an
# input for accounts that still pin them).
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = length(var.github_oidc_thumbprints) > 0 ? var.github_oidc_thumbprints : null
}

data "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 0 : 1

  url = "https://token.actions.githubusercontent.com"
}

locals {
  github_oidc_provider_arn = var.create_github_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : data.aws_iam_openid_connect_provider.github[0].arn

  # Exact sub claims (StringEquals, no wildcards): pushes to the deploy branch,
  # jobs bound to the protected environment, and (optionally) pull requests of
  # this repository only.
  github_oidc_subjects = concat(
    [
      "repo:${var.github_repository}:ref:refs/heads/${var.github_branch}",
      "repo:${var.github_repository}:environment:${var.github_environment}",
    ],
    var.github_allow_pull_requests ? ["repo:${var.github_repository}:pull_request"] : [],
  )

  state_bucket_arn = "arn:${local.partition}:s3:::${var.state_bucket_name}"
}

data "aws_iam_policy_document" "github_actions_trust" {
  statement {
    sid     = "GitHubActionsOidc"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.github_oidc_subjects
    }
  }
}

resource "aws_iam_role" "github_actions" {
  name                 = "${var.cluster_name}-github-actions"
  description          = "Assumed by GitHub Actions of ${var.github_repository} through OIDC: pushes the API image, deploys to ${var.cluster_name}, uses the Terraform state."
  assume_role_policy   = data.aws_iam_policy_document.github_actions_trust.json
  max_session_duration = 3600
}

# Explicit actions only, each on the one resource it concerns.
data "aws_iam_policy_document" "github_actions" {
  # GetAuthorizationToken has no resource-level permissions: "*" is required.
  statement {
    sid       = "EcrLogin"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid    = "EcrPushPullApiRepository"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImageScanFindings",
      "ecr:DescribeImages",
      "ecr:DescribeRepositories",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:ListImages",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [aws_ecr_repository.api.arn]
  }

  # aws eks update-kubeconfig / get-token. What the role may do inside the
  # cluster is decided by its access entry (eks.tf), not by IAM.
  statement {
    sid       = "EksDescribeCluster"
    effect    = "Allow"
    actions   = ["eks:DescribeCluster"]
    resources = [module.eks.cluster_arn]
  }

  statement {
    sid       = "StateBucketList"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid     = "StateReadWrite"
    effect  = "Allow"
    actions = ["s3:GetObject", "s3:PutObject"]
    resources = [
      "${local.state_bucket_arn}/${var.state_key}",
      "${local.state_bucket_arn}/${var.state_key}.tflock",
    ]
  }

  # S3 native locking: the lock is released by deleting <key>.tflock. The state
  # object itself can be overwritten (versioned bucket) but not deleted.
  statement {
    sid       = "StateLockRelease"
    effect    = "Allow"
    actions   = ["s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/${var.state_key}.tflock"]
  }

  # The deploy job copies the external database's credentials into the cluster.
  dynamic "statement" {
    for_each = aws_secretsmanager_secret.external_database

    content {
      sid       = "ExternalDatabaseSecretRead"
      effect    = "Allow"
      actions   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
      resources = [statement.value.arn]
    }
  }

  dynamic "statement" {
    for_each = var.state_kms_key_arn == null ? [] : [var.state_kms_key_arn]

    content {
      sid       = "StateKmsKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.state_lock_table_name == null ? [] : [var.state_lock_table_name]

    content {
      sid       = "LegacyDynamoDbLock"
      effect    = "Allow"
      actions   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources = ["arn:${local.partition}:dynamodb:${var.region}:${local.account_id}:table/${statement.value}"]
    }
  }
}

resource "aws_iam_role_policy" "github_actions" {
  name   = "deploy"
  role   = aws_iam_role.github_actions.id
  policy = data.aws_iam_policy_document.github_actions.json
}

# Opt-in extra permissions (e.g. to let CI run terraform apply); reviewed
# outside this stack so that the deploy role does not grant itself more.
resource "aws_iam_role_policy_attachment" "github_actions_additional" {
  for_each = toset(var.github_actions_additional_policy_arns)

  role       = aws_iam_role.github_actions.name
  policy_arn = each.value
}
