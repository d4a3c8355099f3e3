output "state_bucket" {
  description = "Name of the state bucket: the repository variable TF_STATE_BUCKET."
  value       = module.state_bucket.name
}

output "state_region" {
  description = "Region of the state bucket: the repository variable TF_STATE_REGION."
  value       = var.region
}

output "backend_hcl" {
  description = "The main stack's backend configuration: terraform output -raw backend_hcl > ../backend.hcl"
  value       = <<-EOT
    bucket       = "${module.state_bucket.name}"
    key          = "${var.state_key}"
    region       = "${var.region}"
    encrypt      = true
    use_lockfile = true
  EOT
}
