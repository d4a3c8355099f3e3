provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

# The Terraform state of the main stack: every apply can be rolled back (versions), nothing leaks. Locking needs no
# table: Terraform 1.11 writes <key>.tflock next to the state (use_lockfile).
module "state_bucket" {
  source = "../modules/private-bucket"

  name                    = var.state_bucket_name
  noncurrent_version_days = var.noncurrent_version_days
}
