variable "region" {
  description = "AWS region of the state bucket (the main stack's TF_STATE_REGION)."
  type        = string
}

variable "state_bucket_name" {
  description = "Globally unique name of the S3 bucket that holds the Terraform state (the repository variable TF_STATE_BUCKET)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "state_key" {
  description = "Key of the main stack's state object in the bucket (the repository variable TF_STATE_KEY)."
  type        = string
  default     = "comments/production/terraform.tfstate"
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted state version is kept, to roll back a bad apply."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_days >= 7
    error_message = "Keep replaced state versions at least 7 days."
  }
}

variable "tags" {
  description = "Tags for every resource of this stack."
  type        = map(string)
  default     = { project = "comments-on-aspire", stack = "bootstrap" }
}
