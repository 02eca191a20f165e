// Synthetic Terraform modules for the benchmark, the counterpart of generate.ts: N resource (and policy
// document data) blocks in units of 16 around one trail each: the trail, its bucket with the provider v4+
// split resources (versioning, public access block, logging or object lock, policy from a
// `data "aws_iam_policy_document"` or from `jsonencode`), its KMS key with a policy and an alias, its log
// group, its role, metric filters with alarms, and an IAM policy. Blocks refer to each other by
// `aws_s3_bucket.x.id` / `.arn`, to variables with defaults and to locals, as real modules do. Most rules
// pass; CT001, S3003, CW001 and IAM003 still fire on some units, so the rules really run.

/** One block of the module and the file it would live in when the module is split across files. */
interface Block {
  file: 'main.tf' | 's3.tf' | 'kms.tf' | 'logs.tf' | 'iam.tf';
  text: string;
}

const UNIT = 16;

const HEADER = `terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "prefix" {
  type        = string
  description = "Prefix of every name"
  default     = "audit"
}

variable "log_retention_days" {
  type    = number
  default = 365
}

variable "include_global_service_events" {
  type    = bool
  default = true
}

variable "access_log_bucket" {
  type    = string
  default = "access-logs"
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  tags = {
    owner      = "security"
    managed_by = "terraform"
  }
  trail_events = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
`;

function block(i: number): Block {
  const u = Math.floor(i / UNIT);
  const even = u % 2 === 0;
  switch (i % UNIT) {
    case 0:
      return {
        file: 'main.tf',
        text: `resource "aws_cloudtrail" "trail_${u}" {
  name                          = "\${var.prefix}-trail-${u}"
  s3_bucket_name                = aws_s3_bucket.logs_${u}.id
  is_multi_region_trail         = ${u % 4 === 0}
  include_global_service_events = var.include_global_service_events
  enable_log_file_validation    = true
  enable_logging                = true
  kms_key_id                    = aws_kms_key.trail_${u}.arn
  cloud_watch_logs_group_arn    = "\${aws_cloudwatch_log_group.trail_${u}.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_${u}.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:\${local.partition}:s3"]
    }
  }

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }

  tags       = local.tags
  depends_on = [aws_s3_bucket_policy.logs_${u}]
}
`,
      };
    case 1:
      return {
        file: 's3.tf',
        text: `resource "aws_s3_bucket" "logs_${u}" {
  bucket              = "\${var.prefix}-logs-${u}-\${local.account_id}"
  object_lock_enabled = true
  force_destroy       = false
  tags                = merge(local.tags, { purpose = "cloudtrail" })
}
`,
      };
    case 2:
      return {
        file: 's3.tf',
        text: `resource "aws_s3_bucket_versioning" "logs_${u}" {
  bucket = aws_s3_bucket.logs_${u}.id

  versioning_configuration {
    status = "Enabled"
  }
}
`,
      };
    case 3:
      return {
        file: 's3.tf',
        text: `resource "aws_s3_bucket_public_access_block" "logs_${u}" {
  bucket                  = aws_s3_bucket.logs_${u}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      };
    case 4:
      return {
        file: 's3.tf',
        text: even
          ? `resource "aws_s3_bucket_policy" "logs_${u}" {
  bucket = aws_s3_bucket.logs_${u}.id
  policy = data.aws_iam_policy_document.logs_${u}.json
}
`
          : `resource "aws_s3_bucket_policy" "logs_${u}" {
  bucket = aws_s3_bucket.logs_${u}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.logs_${u}.arn
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
      {
        Sid       = "Write"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.logs_${u}.arn}/AWSLogs/\${local.account_id}/*"
        Condition = {
          StringEquals = {
            "s3:x-amz-acl"      = "bucket-owner-full-control"
            "aws:SourceAccount" = local.account_id
          }
        }
      },
      {
        Sid       = "TlsOnly"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.logs_${u}.arn, "\${aws_s3_bucket.logs_${u}.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}
`,
      };
    case 5:
      return even
        ? {
            file: 's3.tf',
            text: `data "aws_iam_policy_document" "logs_${u}" {
  statement {
    sid     = "AclCheck"
    effect  = "Allow"
    actions = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.logs_${u}.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.logs_${u}.arn}/AWSLogs/\${local.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.logs_${u}.arn, "\${aws_s3_bucket.logs_${u}.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
`,
          }
        : {
            file: 's3.tf',
            text: `resource "aws_s3_bucket_logging" "logs_${u}" {
  bucket        = aws_s3_bucket.logs_${u}.id
  target_bucket = var.access_log_bucket
  target_prefix = "logs-${u}/"
}
`,
          };
    case 6:
      return {
        file: 's3.tf',
        text: `resource "aws_s3_bucket_object_lock_configuration" "logs_${u}" {
  bucket = aws_s3_bucket.logs_${u}.id

  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = var.log_retention_days
    }
  }
}
`,
      };
    case 7:
      return {
        file: 'kms.tf',
        text: `resource "aws_kms_key" "trail_${u}" {
  description             = "Trail key ${u}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admin"
        Effect    = "Allow"
        Principal = { AWS = "arn:\${local.partition}:iam::\${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = ["kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
      },
      {
        Sid       = "Logs"
        Effect    = "Allow"
        Principal = { Service = "logs.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
      },
    ]
  })
  tags = local.tags
}
`,
      };
    case 8:
      return {
        file: 'kms.tf',
        text: `resource "aws_kms_alias" "trail_${u}" {
  name          = "alias/\${var.prefix}-trail-${u}"
  target_key_id = aws_kms_key.trail_${u}.key_id
}
`,
      };
    case 9:
      return {
        file: 'logs.tf',
        text: `resource "aws_cloudwatch_log_group" "trail_${u}" {
  name              = "/aws/cloudtrail/\${var.prefix}-${u}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.trail_${u}.arn
  tags              = local.tags
}
`,
      };
    case 10:
      return {
        file: 'iam.tf',
        text: `resource "aws_iam_role" "trail_${u}" {
  name = "\${var.prefix}-trail-${u}-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
`,
      };
    case 11:
      return {
        file: 'iam.tf',
        text: `resource "aws_iam_role_policy" "trail_${u}" {
  name = "logs"
  role = aws_iam_role.trail_${u}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "\${aws_cloudwatch_log_group.trail_${u}.arn}:*"
    }]
  })
}
`,
      };
    case 12:
      return {
        file: 'logs.tf',
        // Odd units forget StopLogging: CW001 fires there.
        text: `resource "aws_cloudwatch_log_metric_filter" "trail_changes_${u}" {
  name           = "trail-changes-${u}"
  log_group_name = aws_cloudwatch_log_group.trail_${u}.name
  pattern        = ${even ? 'local.trail_events' : '"{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) }"'}

  metric_transformation {
    name      = "TrailChanges${u}"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}
`,
      };
    case 13:
      return {
        file: 'logs.tf',
        text: `resource "aws_cloudwatch_metric_alarm" "trail_changes_${u}" {
  alarm_name          = "trail-changes-${u}"
  metric_name         = "TrailChanges${u}"
  namespace           = "CloudTrailMetrics"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:\${local.partition}:sns:us-east-1:\${local.account_id}:security"]
}
`,
      };
    case 14:
      return {
        file: 'logs.tf',
        text: `resource "aws_cloudwatch_log_metric_filter" "root_usage_${u}" {
  name           = "root-usage-${u}"
  log_group_name = aws_cloudwatch_log_group.trail_${u}.name
  pattern        = "{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS }"

  metric_transformation {
    name      = "RootUsage${u}"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}
`,
      };
    default:
      return {
        file: 'iam.tf',
        // Every fourth unit lets operators stop trails without MFA: IAM003 fires there.
        text: `resource "aws_iam_policy" "operators_${u}" {
  name = "\${var.prefix}-operators-${u}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ${u % 4 === 1 ? '["cloudtrail:StopLogging", "cloudtrail:StartLogging"]' : '["cloudtrail:StartLogging"]'}
        Resource = aws_cloudtrail.trail_${u}.arn
      },
    ]
  })
}
`,
      };
  }
}

function blocks(count: number): Block[] {
  return Array.from({ length: count }, (_, i) => block(i));
}

/** One `main.tf` with `count` resource / data blocks (plus variables, locals and two data sources). */
export function terraformMain(count: number): string {
  return (
    HEADER +
    '\n' +
    blocks(count)
      .map((b) => b.text)
      .join('\n')
  );
}

/** The same module split the way people split modules: variables.tf, main.tf, s3.tf, kms.tf, logs.tf, iam.tf. */
export function terraformFiles(count: number): { file: string; text: string }[] {
  const files = new Map<string, string[]>([['variables.tf', [HEADER]]]);
  for (const b of blocks(count)) {
    const list = files.get(b.file) ?? [];
    list.push(b.text);
    files.set(b.file, list);
  }
  return [...files].map(([file, texts]) => ({ file, text: texts.join('\n') }));
}
