################################################################################
# The TLS certificate of the api's host, for HTTPS at the load balancer: issued
# by ACM and validated through a DNS record in the Route 53 zone, so no human
# approves an email and renewals happen by themselves.
################################################################################

module "api_certificate" {
  source  = "terraform-aws-modules/acm/aws"
  version = "~> 6.0"

  domain_name         = var.api_host
  zone_id             = var.route53_zone_id
  validation_method   = "DNS"
  wait_for_validation = true
}
