// Which Terraform attribute and nested block of the AWS provider says what the CloudFormation property says,
// resource type by resource type. The lowering (lower-resources.ts) reads these tables; the names in
// messages go back the other way (names.ts).

/** Attributes copied one to one, and nested blocks that become lists of objects. */
export interface Spec {
  attrs: Readonly<Record<string, string>>;
  blocks?: Readonly<Record<string, { to: string; spec: Spec }>>;
}

export const TRAIL_SPEC: Spec = {
  attrs: {
    name: 'TrailName',
    is_multi_region_trail: 'IsMultiRegionTrail',
    include_global_service_events: 'IncludeGlobalServiceEvents',
    enable_log_file_validation: 'EnableLogFileValidation',
    kms_key_id: 'KMSKeyId',
    cloud_watch_logs_group_arn: 'CloudWatchLogsLogGroupArn',
    cloud_watch_logs_role_arn: 'CloudWatchLogsRoleArn',
    enable_logging: 'IsLogging',
    s3_bucket_name: 'S3BucketName',
    s3_key_prefix: 'S3KeyPrefix',
    is_organization_trail: 'IsOrganizationTrail',
    sns_topic_name: 'SnsTopicName',
  },
  blocks: {
    event_selector: {
      to: 'EventSelectors',
      spec: {
        attrs: {
          read_write_type: 'ReadWriteType',
          include_management_events: 'IncludeManagementEvents',
          exclude_management_event_sources: 'ExcludeManagementEventSources',
        },
        blocks: {
          data_resource: { to: 'DataResources', spec: { attrs: { type: 'Type', values: 'Values' } } },
        },
      },
    },
    advanced_event_selector: {
      to: 'AdvancedEventSelectors',
      spec: {
        attrs: { name: 'Name' },
        blocks: {
          field_selector: {
            to: 'FieldSelectors',
            spec: {
              attrs: {
                field: 'Field',
                equals: 'Equals',
                not_equals: 'NotEquals',
                starts_with: 'StartsWith',
                not_starts_with: 'NotStartsWith',
                ends_with: 'EndsWith',
                not_ends_with: 'NotEndsWith',
              },
            },
          },
        },
      },
    },
    insight_selector: { to: 'InsightSelectors', spec: { attrs: { insight_type: 'InsightType' } } },
  },
};

export const EVENT_DATA_STORE_SPEC: Spec = { attrs: { name: 'Name', kms_key_id: 'KmsKeyId' } };

export const KEY_SPEC: Spec = {
  attrs: {
    enable_key_rotation: 'EnableKeyRotation',
    customer_master_key_spec: 'KeySpec',
    key_usage: 'KeyUsage',
    policy: 'KeyPolicy',
    is_enabled: 'Enabled',
  },
};

export const ALIAS_SPEC: Spec = { attrs: { name: 'AliasName', target_key_id: 'TargetKeyId' } };

export const LOG_GROUP_SPEC: Spec = {
  attrs: { name: 'LogGroupName', retention_in_days: 'RetentionInDays', kms_key_id: 'KmsKeyId' },
};

export const METRIC_FILTER_SPEC: Spec = {
  attrs: { name: 'FilterName', log_group_name: 'LogGroupName', pattern: 'FilterPattern' },
  blocks: {
    metric_transformation: {
      to: 'MetricTransformations',
      spec: { attrs: { name: 'MetricName', namespace: 'MetricNamespace', value: 'MetricValue' } },
    },
  },
};

export const ALARM_SPEC: Spec = { attrs: { metric_name: 'MetricName', namespace: 'Namespace' } };

export const PUBLIC_ACCESS_BLOCK_SPEC: Spec = {
  attrs: {
    block_public_acls: 'BlockPublicAcls',
    block_public_policy: 'BlockPublicPolicy',
    ignore_public_acls: 'IgnorePublicAcls',
    restrict_public_buckets: 'RestrictPublicBuckets',
  },
};

export const LOGGING_SPEC: Spec = {
  attrs: { target_bucket: 'DestinationBucketName', target_prefix: 'LogFilePrefix' },
};

export const DEFAULT_RETENTION_SPEC: Spec = { attrs: { mode: 'Mode', days: 'Days', years: 'Years' } };

/** Canned ACLs: Terraform spells them as the S3 API does, CloudFormation in Pascal case. */
export const CANNED_ACL: Readonly<Record<string, string>> = {
  private: 'Private',
  'public-read': 'PublicRead',
  'public-read-write': 'PublicReadWrite',
  'aws-exec-read': 'AwsExecRead',
  'authenticated-read': 'AuthenticatedRead',
  'bucket-owner-read': 'BucketOwnerRead',
  'bucket-owner-full-control': 'BucketOwnerFullControl',
  'log-delivery-write': 'LogDeliveryWrite',
};

/** Resources that attach a managed policy to an identity, and the identity kind they stand for. */
export const ATTACHMENTS: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'AWS::IAM::Role',
  aws_iam_user_policy_attachment: 'AWS::IAM::User',
  aws_iam_group_policy_attachment: 'AWS::IAM::Group',
  aws_iam_policy_attachment: 'AWS::IAM::Role',
};

/** Resources that carry one policy document in `policy`, and the template type they stand for. */
export const POLICY_HOLDERS: Readonly<Record<string, string>> = {
  aws_iam_policy: 'AWS::IAM::ManagedPolicy',
  aws_iam_role_policy: 'AWS::IAM::Policy',
  aws_iam_user_policy: 'AWS::IAM::Policy',
  aws_iam_group_policy: 'AWS::IAM::Policy',
};

/** Split S3 resources: which bucket setting each one writes. */
export const SPLIT_S3 = [
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_logging',
  'aws_s3_bucket_acl',
  'aws_s3_bucket_object_lock_configuration',
  'aws_s3_bucket_lifecycle_configuration',
] as const;
