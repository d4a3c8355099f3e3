resource "aws_ecr_repository" "api" {
  name = var.ecr_repository_name

  # Tags are never overwritten: a tag (the pipeline uses the git SHA) always
  # means the same image, so a rollback really redeploys what ran before.
  image_tag_mutability = "IMMUTABLE"

  # Refuse to destroy a repository that still holds images unless asked to.
  force_delete = var.ecr_force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  # SSE-KMS with the AWS managed aws/ecr key: encrypted at rest with KMS audit
  # trail, without a customer key whose policy every puller must be granted.
  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "api" {
  repository = aws_ecr_repository.api.name

  # ECR evaluates rules by priority; the "any" rule has to come last.
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images ${var.ecr_untagged_image_expiry_days} days after push"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.ecr_untagged_image_expiry_days
        }
        action = {
          type = "expire"
        }
      },
      {
        rulePriority = 2
        description  = "Keep only the ${var.ecr_image_retention_count} most recent images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.ecr_image_retention_count
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}
