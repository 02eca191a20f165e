# A CloudTrail setup the way a security team wants it: every trail-lint rule passes.
# trail-lint examples/terraform/secure  →  no findings

variable "trail_name" {
  type    = string
  default = "organization-audit"
}

variable "alarm_email" {
  type        = string
  description = "Who hears about changes to the trail."
}

variable "root_mfa" {
  type        = string
  sensitive   = true
  description = "The root user's MFA device serial and current code, separated by a space (MFA delete)."
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  trail_arn = "arn:${local.partition}:cloudtrail:${data.aws_region.current.name}:${local.account}:trail/${var.trail_name}"
}
