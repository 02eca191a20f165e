resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/${var.trail_name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.trail.arn
}

resource "aws_iam_role" "trail_delivery" {
  name = "cloudtrail-to-cloudwatch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
}

resource "aws_iam_role_policy" "trail_delivery" {
  name = "deliver-to-log-group"
  role = aws_iam_role.trail_delivery.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:*"
    }]
  })
}

resource "aws_cloudtrail" "main" {
  name                          = var.trail_name
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_delivery.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:${local.partition}:s3"]
    }
  }

  insight_selector {
    insight_type = "ApiCallRateInsight"
  }
  insight_selector {
    insight_type = "ApiErrorRateInsight"
  }

  depends_on = [aws_s3_bucket_policy.trail]
}

resource "aws_cloudwatch_log_metric_filter" "trail_changes" {
  name           = "cloudtrail-changes"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }"
  metric_transformation {
    name      = "CloudTrailChangeCount"
    namespace = "CloudTrailMetrics"
    value     = "1"
  }
}

resource "aws_sns_topic" "trail_changes" {
  name              = "cloudtrail-changes"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic_subscription" "trail_changes" {
  topic_arn = aws_sns_topic.trail_changes.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "trail_changes" {
  alarm_name          = "cloudtrail-changes"
  alarm_description   = "Someone changed or stopped the audit trail."
  namespace           = "CloudTrailMetrics"
  metric_name         = "CloudTrailChangeCount"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.trail_changes.arn]
}

resource "aws_iam_group" "trail_auditors" {
  name = "trail-auditors"
}

resource "aws_iam_group_policy_attachment" "trail_auditors" {
  group      = aws_iam_group.trail_auditors.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess"
}
