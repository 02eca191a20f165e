// Synthetic templates for the benchmark: a mix of trails, buckets with policies, keys, log groups, roles,
// queues and functions, like real stacks, in YAML (short-form tags) and JSON (long form). The trails are set
// up the way a team that uses trail-lint sets them up (most rules pass; CT001 and CW001 still fire), so the
// bench measures the engine rather than the cost of shipping thousands of diagnostics.

type Value = string | number | boolean | Value[] | { [k: string]: Value };

function resource(i: number): [string, Value] {
  switch (i % 8) {
    case 0:
      return [
        `Trail${i}`,
        {
          Type: 'AWS::CloudTrail::Trail',
          DependsOn: [`Bucket${i + 1}Policy`],
          Properties: {
            S3BucketName: { Ref: `Bucket${i + 1}` },
            IsLogging: true,
            IsMultiRegionTrail: i % 16 === 0,
            EnableLogFileValidation: true,
            KMSKeyId: { 'Fn::GetAtt': [`Key${i + 3}`, 'Arn'] },
            CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [`Logs${i + 4}`, 'Arn'] },
            CloudWatchLogsRoleArn: { 'Fn::GetAtt': [`Role${i + 5}`, 'Arn'] },
            EventSelectors: [
              {
                ReadWriteType: 'All',
                IncludeManagementEvents: true,
                DataResources: [
                  { Type: 'AWS::S3::Object', Values: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3' }] },
                ],
              },
            ],
            InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }],
          },
        },
      ];
    case 1:
      return [
        `Bucket${i}`,
        {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketName: { 'Fn::Sub': `logs-${i}-\${AWS::AccountId}` },
            VersioningConfiguration: { Status: 'Enabled' },
            ObjectLockEnabled: true,
            ObjectLockConfiguration: {
              ObjectLockEnabled: 'Enabled',
              Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
            },
            LoggingConfiguration: { DestinationBucketName: 'access-logs', LogFilePrefix: `bucket-${i}/` },
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              BlockPublicPolicy: true,
              IgnorePublicAcls: true,
              RestrictPublicBuckets: true,
            },
          },
        },
      ];
    case 2:
      return [
        `Bucket${i - 1}Policy`,
        {
          Type: 'AWS::S3::BucketPolicy',
          Properties: {
            Bucket: { Ref: `Bucket${i - 1}` },
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: 's3:GetBucketAcl',
                  Resource: { 'Fn::GetAtt': [`Bucket${i - 1}`, 'Arn'] },
                  Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
                },
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: 's3:PutObject',
                  Resource: { 'Fn::Sub': `\${Bucket${i - 1}.Arn}/AWSLogs/\${AWS::AccountId}/*` },
                  Condition: {
                    StringEquals: {
                      's3:x-amz-acl': 'bucket-owner-full-control',
                      'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                    },
                  },
                },
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: [
                    { 'Fn::GetAtt': [`Bucket${i - 1}`, 'Arn'] },
                    { 'Fn::Sub': `\${Bucket${i - 1}.Arn}/*` },
                  ],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                },
              ],
            },
          },
        },
      ];
    case 3:
      return [
        `Key${i}`,
        {
          Type: 'AWS::KMS::Key',
          Properties: {
            EnableKeyRotation: true,
            Description: `Trail key ${i}`,
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
                  Action: 'kms:*',
                  Resource: '*',
                },
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
                  Resource: '*',
                  Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
                },
              ],
            },
          },
        },
      ];
    case 4:
      return [
        `Logs${i}`,
        {
          Type: 'AWS::Logs::LogGroup',
          Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [`Key${i - 1}`, 'Arn'] } },
        },
      ];
    case 5:
      return [
        `Role${i}`,
        {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { Service: 'cloudtrail.amazonaws.com' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess'],
          },
        },
      ];
    case 6:
      return [
        `Queue${i}`,
        { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60, MessageRetentionPeriod: 1209600 } },
      ];
    default:
      return [
        `Function${i}`,
        {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'python3.12',
            Handler: 'index.handler',
            Role: { 'Fn::GetAtt': [`Role${i - 2}`, 'Arn'] },
            Code: { ZipFile: 'def handler(event, context):\n    return {"ok": True}\n' },
            Environment: { Variables: { QUEUE: { Ref: `Queue${i - 1}` } } },
          },
        },
      ];
  }
}

export function templateObject(count: number): Record<string, Value> {
  const resources: Record<string, Value> = {};
  for (let i = 0; i < count; i++) {
    const [id, body] = resource(i);
    resources[id] = body;
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `Synthetic template with ${count} resources`,
    Resources: resources,
  };
}

export function templateJson(count: number): string {
  return JSON.stringify(templateObject(count), null, 2) + '\n';
}

const SHORT: Record<string, string> = { Ref: '!Ref', 'Fn::GetAtt': '!GetAtt', 'Fn::Sub': '!Sub' };

function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9_./:-]+$/.test(v) && !/^(true|false|\d)/.test(v) ? v : JSON.stringify(v);
}

function yamlValue(v: Value, indent: string): string {
  if (typeof v !== 'object') return ` ${yamlScalar(v)}`;
  if (Array.isArray(v))
    return v.map((item) => `\n${indent}-${yamlValue(item, indent + '  ').replace(/^\n\s*/, ' ')}`).join('');
  const keys = Object.keys(v);
  if (keys.length === 1 && SHORT[keys[0] as string]) {
    const key = keys[0] as string;
    const arg = v[key] as Value;
    return ` ${SHORT[key]} ${Array.isArray(arg) ? (arg as string[]).join('.') : yamlScalar(arg as string)}`;
  }
  return keys.map((k) => `\n${indent}${k}:${yamlValue(v[k] as Value, indent + '  ')}`).join('');
}

export function templateYaml(count: number): string {
  return yamlValue(templateObject(count), '').replace(/^\n/, '') + '\n';
}

/** Settings the generated trails, keys and buckets get wrong, each with a safe fix (what fix-all repairs). */
export const SAFE_FIXABLE_RULES = ['CT001', 'CT003', 'CT006', 'KMS001', 'S3001'];

/**
 * The YAML template with safe-fixable findings on most trails, keys and buckets (about 1,100 fixes at 2,000
 * resources): log file validation and logging off, key rotation off, public ACLs not blocked, and the
 * single-region trails of every template.
 */
export function fixableTemplateYaml(count: number): string {
  return templateYaml(count)
    .replace(/EnableLogFileValidation: true/g, 'EnableLogFileValidation: false')
    .replace(/IsLogging: true/g, 'IsLogging: false')
    .replace(/EnableKeyRotation: true/g, 'EnableKeyRotation: false')
    .replace(/BlockPublicAcls: true/g, 'BlockPublicAcls: false');
}

/** The JSON twin of `fixableTemplateYaml`: the same settings wrong, the same fixes to apply. */
export function fixableTemplateJson(count: number): string {
  return templateJson(count)
    .replace(/"EnableLogFileValidation": true/g, '"EnableLogFileValidation": false')
    .replace(/"IsLogging": true/g, '"IsLogging": false')
    .replace(/"EnableKeyRotation": true/g, '"EnableKeyRotation": false')
    .replace(/"BlockPublicAcls": true/g, '"BlockPublicAcls": false');
}
