// Templates for the suppression and configuration tests (CLI and language server). They are built around
// CT001, CT003 and CT004, and the tests look at those rules only, so that other rules never change an outcome.

export const OUR_RULES = new Set(['CT001', 'CT003', 'CT004']);

/** CT004 suppressed by a comment above, CT003 by checkov, CT001 by a comment without reason (noted). */
export const SUPPRESSED_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'", // 1
  'Resources:', // 2
  '  Trail:', // 3
  '    # trail-lint-disable-next-line CT004 -- keys live in the security account', // 4
  '    Type: AWS::CloudTrail::Trail', // 5
  '    Metadata:', // 6
  '      checkov:', // 7
  '        skip:', // 8
  '          - id: CKV_AWS_36', // 9
  '            comment: digests are checked by the log archive', // 10
  '    Properties:', // 11
  '      S3BucketName: central-log-archive', // 12
  '      IsLogging: true', // 13
  '      IsMultiRegionTrail: false  # trail-lint-disable-line CT001', // 14
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail', // 15
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs', // 16
  '',
].join('\n');

/** A trail whose only CT001/CT003/CT004 finding is CT003 (EnableLogFileValidation: false, line 8). */
export const CT003_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'", // 1
  'Resources:', // 2
  '  Trail:', // 3
  '    Type: AWS::CloudTrail::Trail', // 4
  '    Properties:', // 5
  '      S3BucketName: central-log-archive', // 6
  '      IsMultiRegionTrail: true', // 7
  '      EnableLogFileValidation: false', // 8
  '      KMSKeyId: alias/trail', // 9
  '      IsLogging: true', // 10
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail', // 11
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs', // 12
  '',
].join('\n');
