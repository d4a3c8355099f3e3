terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # This stack creates the bucket the main stack keeps its state in, so its own state starts local
  # (terraform.tfstate here, git-ignored). After the first apply, `terraform init -migrate-state` with
  # the backend_hcl output moves it into the bucket under its own key.
}
