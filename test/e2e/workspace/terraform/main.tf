resource "aws_cloudtrail" "main" {
  name                       = "audit"
  s3_bucket_name             = "central-audit-logs-111122223333"
  is_multi_region_trail      = var.multi_region
  enable_log_file_validation = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/audit:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/CloudTrailToCloudWatch"
}
