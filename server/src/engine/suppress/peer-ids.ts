// The check ids of the scanners teams run next to trail-lint, mapped to our rules, so that a resource already
// suppressed for checkov or cfn-guard is not reported again by us for the same concern. Each entry was checked
// against the peer's source (bridgecrewio/checkov `checkov/{cloudformation,terraform}/checks/**`,
// aws-cloudformation/aws-guard-rules-registry `rules/aws/**`). A peer check maps only where it judges the same
// property our rule judges, or something our rule implies; ids missing here are simply not ours.

/** checkov `Metadata.checkov.skip[].id` → our rule ids. */
export const CHECKOV_RULES: ReadonlyMap<string, readonly string[]> = new Map([
  ['CKV_AWS_67', ['CT001']], // CloudtrailMultiRegion: IsMultiRegionTrail
  ['CKV_AWS_36', ['CT003']], // CloudtrailLogValidation: EnableLogFileValidation
  ['CKV_AWS_35', ['CT004']], // CloudtrailEncryption: KMSKeyId
  ['CKV2_AWS_10', ['CT005']], // CloudTrail integrated with CloudWatch Logs (graph check)
  ['CKV_AWS_251', ['CT006']], // CloudtrailEnableLogging: enable_logging
  ['CKV_AWS_294', ['CT011']], // CloudtrailEventDataStoreUsesCMK: kms_key_id
  ['CKV_AWS_53', ['S3001']], // S3BlockPublicACLs
  ['CKV_AWS_54', ['S3001']], // S3BlockPublicPolicy
  ['CKV_AWS_55', ['S3001']], // S3IgnorePublicACLs
  ['CKV_AWS_56', ['S3001']], // S3RestrictPublicBuckets
  ['CKV2_AWS_6', ['S3001']], // Terraform: bucket has a public access block
  ['CKV_AWS_20', ['S3002']], // S3PublicACLRead: AccessControl PublicRead / PublicReadWrite
  ['CKV_AWS_57', ['S3002']], // S3PublicACLWrite: AccessControl PublicReadWrite
  ['CKV_AWS_70', ['S3002']], // Terraform: bucket policy allows an action to any principal
  ['CKV_AWS_18', ['S3003']], // S3AccessLogs: LoggingConfiguration
  ['CKV_AWS_21', ['S3004']], // S3Versioning: VersioningConfiguration.Status
  // Not CKV_AWS_52 (MFA delete alone): S3004 also reports a bucket that is not versioned at all, which a
  // skip of the MFA-delete check must not hide.
  ['CKV_AWS_143', ['S3007']], // Terraform: bucket has Object Lock
  ['CKV_AWS_7', ['KMS001']], // KMSRotation: EnableKeyRotation
  ['CKV_AWS_33', ['KMS003']], // KMSKeyWildCardPrincipal: key policy principal *
  ['CKV_AWS_1', ['IAM002']], // AdminPolicyDocument: Action * on Resource *
  ['CKV_AWS_62', ['IAM002']], // IAMAdminPolicyDocument: Action * on Resource *
  ['CKV_AWS_63', ['IAM002']], // IAMStarActionPolicyDocument: Action * (on any resource, so on all too)
  ['CKV_AWS_66', ['CW002']], // CloudWatchLogGroupRetention: RetentionInDays
  ['CKV_AWS_338', ['CW002']], // Terraform: log group retention of at least a year
  ['CKV_AWS_158', ['CW002']], // CloudWatchLogGroupKMSKey: KmsKeyId
]);

/** cfn-guard `Metadata.guard.SuppressedRules[]` (rule names of the AWS Guard rules registry) → our rule ids. */
export const GUARD_RULES: ReadonlyMap<string, readonly string[]> = new Map([
  ['MULTI_REGION_CLOUD_TRAIL_ENABLED', ['CT001']],
  ['CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', ['CT003']],
  ['CLOUD_TRAIL_ENCRYPTION_ENABLED', ['CT004']],
  ['CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', ['CT005']],
  ['CLOUDTRAIL_S3_DATAEVENTS_ENABLED', ['CT008']],
  ['S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', ['S3001']],
  // The registry implements these two as the Block Public Access check; AWS Config, as "not public".
  ['S3_BUCKET_PUBLIC_READ_PROHIBITED', ['S3001', 'S3002']],
  ['S3_BUCKET_PUBLIC_WRITE_PROHIBITED', ['S3001', 'S3002']],
  ['S3_BUCKET_LOGGING_ENABLED', ['S3003']],
  ['S3_BUCKET_VERSIONING_ENABLED', ['S3004']],
  ['S3_BUCKET_SSL_REQUESTS_ONLY', ['S3006']],
  ['S3_BUCKET_DEFAULT_LOCK_ENABLED', ['S3007']],
  ['CMK_BACKING_KEY_ROTATION_ENABLED', ['KMS001']],
  ['KMS_NO_WILDCARD_PRINCIPAL', ['KMS003']],
]);
