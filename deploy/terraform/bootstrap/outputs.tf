output "state_bucket" {
  description = "Name of the state bucket: the repository variable TF_STATE_BUCKET."
  value       = aws_s3_bucket.state.bucket
}

output "state_region" {
  description = "Region of the state bucket: the repository variable TF_STATE_REGION."
  value       = var.region
}

output "backend_hcl" {
  description = "The main stack's backend configuration: terraform output -raw backend_hcl > ../backend.hcl"
  value       = <<-EOT
    bucket       = "${aws_s3_bucket.state.bucket}"
    key          = "${var.state_key}"
    region       = "${var.region}"
    encrypt      = true
    use_lockfile = true
  EOT
}
