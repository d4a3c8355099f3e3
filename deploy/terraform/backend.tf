# Partial configuration: bucket, key, region, encrypt and use_lockfile come from
#   terraform init -backend-config=backend.hcl
# (see backend.hcl.example). Keeping them out of the code lets the same stack be
# initialised against a per-environment state file and keeps account details out
# of the repository.
#
# Locking uses S3 native lock files (use_lockfile = true, GA since Terraform
# 1.11): no DynamoDB table to create, pay for or grant access to.
terraform {
  backend "s3" {}
}
