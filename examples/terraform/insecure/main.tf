# A CloudTrail setup with the mistakes trail-lint exists to catch; each finding is announced on its line.
# trail-lint examples/terraform/insecure

variable "multi_region" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "audit" { # CT003, CT004, CT005, CT008, CT009 and CT010: no log file validation, no KMS key, no CloudWatch Logs, no data events, no Insights, no depends_on the bucket policy
  name                          = "audit"
  s3_bucket_name                = aws_s3_bucket.logs.id
  is_multi_region_trail         = true
  include_global_service_events = false # CT002 (error): a multi-region trail must include global service events
}

resource "aws_cloudtrail" "regional" { # CT004, CT005, CT009 and CT010: as above
  name                       = "regional"
  s3_bucket_name             = aws_s3_bucket.logs.id
  is_multi_region_trail      = var.multi_region # CT001: single-region, by the variable's default
  enable_log_file_validation = true
  enable_logging             = false # CT006 (error): the trail records nothing

  event_selector { # CT008: no S3 data events
    read_write_type           = "WriteOnly" # CT007: read management events are dropped
    include_management_events = true
  }
}

resource "aws_s3_bucket" "logs" { # S3003, S3004 and S3007: no access logging, no versioning, no Object Lock
  bucket = "audit-logs-example"
}

resource "aws_s3_bucket_public_access_block" "logs" { # S3001: block_public_policy and restrict_public_buckets are off
  bucket             = aws_s3_bucket.logs.id
  block_public_acls  = true
  ignore_public_acls = true
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "public-read" # S3002 (error): anyone can list the log files
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({ # S3006: no Deny of requests without TLS
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" } # S3005: granted without aws:SourceArn
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.logs.arn
      },
      {
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" } # S3005: the same
        Action    = "s3:PutObject"
        Resource  = "${aws_s3_bucket.logs.arn}/AWSLogs/*"
      },
    ]
  })
}

resource "aws_iam_policy" "operators" {
  name = "trail-operators"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "cloudtrail:*" # IAM002: full control of every trail
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "admins" {
  role       = "trail-admins"
  policy_arn = "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess" # IAM001: the AWS managed full-access policy
}
