// The Terraform fix writer on ordering, attachments and new resources: `depends_on`, a managed policy
// replaced where it is attached, new resources with the follow-up that uses them, and the data sources
// that `${AWS::…}` placeholders need.
import { strict as assert } from 'node:assert';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import type { FixIntent } from '../../../server/src/engine/fix/intents';
import { hclShape } from '../../helpers/hcl-shape';
import { attrOf, blockOf, common, fixed, runFix } from '../../helpers/hcl-fix';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const TRAIL = `resource "aws_s3_bucket_policy" "logs" {
  bucket = "logs"
}

resource "aws_cloudtrail" "main" {
  name           = "org"
  s3_bucket_name = "logs"
}
`;

const dependsOn = (value: string): FixIntent => ({
  ...common,
  kind: 'append',
  resource: 'aws_cloudtrail.main',
  path: ['DependsOn'],
  value,
});

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

describe('Terraform fix writer: ordering, attachments, new resources', () => {
  it('adds depends_on, or an item to it, unless the trail refers to the resource already', () => {
    assert.equal(
      fixed(reader, TRAIL, dependsOn('aws_s3_bucket_policy.logs')),
      TRAIL.replace(
        '  s3_bucket_name = "logs"\n',
        '  s3_bucket_name = "logs"\n  depends_on     = [aws_s3_bucket_policy.logs]\n',
      ),
    );
    const listed = TRAIL.replace(
      's3_bucket_name = "logs"',
      's3_bucket_name = "logs"\n  depends_on     = [aws_s3_bucket_policy.other]',
    );
    const withOther = `${listed}\nresource "aws_s3_bucket_policy" "other" {}\n`;
    assert.equal(
      fixed(reader, withOther, dependsOn('aws_s3_bucket_policy.logs')),
      withOther.replace(
        '[aws_s3_bucket_policy.other]',
        '[aws_s3_bucket_policy.other, aws_s3_bucket_policy.logs]',
      ),
    );
    const referring = TRAIL.replace(
      's3_bucket_name = "logs"',
      's3_bucket_name = aws_s3_bucket_policy.logs.bucket',
    );
    assert.deepEqual(
      runFix(reader, { 'main.tf': referring }, dependsOn('aws_s3_bucket_policy.logs'))?.edits,
      [],
    );
  });

  it('replaces the managed policy of an attachment, and in a role list', () => {
    const text = `resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "ops" {
  managed_policy_arns = ["${READ_ONLY}", "${ADMIN}"]
}
`;
    const replace = (resource: string, from = ADMIN): FixIntent => ({
      ...common,
      kind: 'replace',
      resource,
      path: ['Properties', 'ManagedPolicyArns'],
      from,
      to: READ_ONLY,
    });
    const result = runFix(reader, { 'main.tf': text }, replace('aws_iam_role_policy_attachment.admin'));
    const at = text.indexOf('"arn:${');
    const end = text.indexOf('\n', at);
    assert.deepEqual(result?.edits, [{ file: 'main.tf', start: at, end, newText: `"${READ_ONLY}"` }]);
    const attachment = blockOf(
      reader.read(result.files['main.tf'] as string),
      'aws_iam_role_policy_attachment',
    );
    assert.equal(hclShape(attrOf(attachment, 'policy_arn').value), READ_ONLY);
    assert.equal(
      fixed(reader, text, replace('aws_iam_role.ops')),
      text.replace(`"${READ_ONLY}", "${ADMIN}"`, `"${READ_ONLY}", "${READ_ONLY}"`),
    );
    assert.equal(
      runFix(reader, { 'main.tf': text }, replace('aws_iam_role.ops', 'arn:aws:iam::aws:policy/Other')),
      undefined,
    );
  });

  it('adds a KMS key after the trail, then points the trail at it', () => {
    const intent: FixIntent = {
      ...common,
      kind: 'add-resources',
      resources: [
        {
          id: 'TrailKey',
          type: 'AWS::KMS::Key',
          properties: {
            Description: 'CloudTrail log encryption',
            EnableKeyRotation: true,
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'Enable IAM policies',
                  Effect: 'Allow',
                  Principal: { AWS: { $sub: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
                  Action: 'kms:*',
                  Resource: '*',
                },
              ],
            },
          },
        },
      ],
      then: [
        {
          ...common,
          kind: 'set',
          resource: 'aws_cloudtrail.main',
          path: ['Properties', 'KMSKeyId'],
          value: { $ref: 'TrailKey', attribute: 'Arn' },
        },
      ],
    };
    assert.equal(
      fixed(reader, TRAIL, intent),
      `resource "aws_s3_bucket_policy" "logs" {
  bucket = "logs"
}

resource "aws_cloudtrail" "main" {
  name           = "org"
  s3_bucket_name = "logs"
  kms_key_id     = aws_kms_key.trail_key.arn
}

resource "aws_kms_key" "trail_key" {
  description         = "CloudTrail log encryption"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Enable IAM policies"
        Effect = "Allow"
        Principal = {
          AWS = "arn:\${data.aws_partition.current.partition}:iam::\${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
    ]
  })
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
`,
    );
  });

  it('writes a Sub string with the data sources the module has, under their names, or adds them', () => {
    const intent: FixIntent = {
      ...common,
      kind: 'set',
      resource: 'aws_cloudtrail.main',
      path: ['Properties', 'CloudWatchLogsRoleArn'],
      value: { $sub: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/trail-logs' },
    };
    const module = { 'main.tf': TRAIL, 'data.tf': 'data "aws_caller_identity" "me" {}\n' };
    const result = runFix(reader, module, intent, 'main.tf');
    assert.equal(result?.files['data.tf'], module['data.tf']);
    assert.equal(
      result.files['main.tf'],
      TRAIL.replace(
        '  name           = "org"\n  s3_bucket_name = "logs"\n',
        '  name                      = "org"\n  s3_bucket_name            = "logs"\n' +
          '  cloud_watch_logs_role_arn = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.me.account_id}:role/trail-logs"\n',
      ) + '\ndata "aws_partition" "current" {}\n',
    );
    const trail = blockOf(reader.read(result.files['main.tf']), 'aws_cloudtrail', 'main');
    assert.deepEqual(hclShape(attrOf(trail, 'cloud_watch_logs_role_arn').value), {
      template: [
        'arn:',
        { ref: 'data.aws_partition.current.partition' },
        ':iam::',
        { ref: 'data.aws_caller_identity.me.account_id' },
        ':role/trail-logs',
      ],
    });
  });

  it('adds a role with its inline policy as a resource of its own, named uniquely', () => {
    const text = `${TRAIL}\nresource "aws_iam_role" "trail_logs_role" {}\n`;
    const intent: FixIntent = {
      ...common,
      kind: 'add-resources',
      resources: [
        { id: 'TrailLogs', type: 'AWS::Logs::LogGroup', properties: { RetentionInDays: 365 } },
        {
          id: 'TrailLogsRole',
          type: 'AWS::IAM::Role',
          properties: {
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
            Policies: [
              {
                PolicyName: 'logs',
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Effect: 'Allow',
                      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                      Resource: { $sub: '${TrailLogs.Arn}:*' },
                    },
                  ],
                },
              },
            ],
          },
        },
      ],
      then: [
        {
          ...common,
          kind: 'set',
          resource: 'aws_cloudtrail.main',
          path: ['Properties', 'CloudWatchLogsLogGroupArn'],
          value: { $ref: 'TrailLogs', attribute: 'Arn' },
        },
        {
          ...common,
          kind: 'set',
          resource: 'aws_cloudtrail.main',
          path: ['Properties', 'CloudWatchLogsRoleArn'],
          value: { $ref: 'TrailLogsRole', attribute: 'Arn' },
        },
      ],
    };
    assert.equal(
      fixed(reader, text, intent),
      text
        .replace(
          `  s3_bucket_name = "logs"
}
`,
          `  s3_bucket_name             = "logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail_logs.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_logs_role_2.arn
}

resource "aws_cloudwatch_log_group" "trail_logs" {
  retention_in_days = 365
}

resource "aws_iam_role" "trail_logs_role_2" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

resource "aws_iam_role_policy" "trail_logs_role_2_logs" {
  name = "logs"
  role = aws_iam_role.trail_logs_role_2.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "\${aws_cloudwatch_log_group.trail_logs.arn}:*"
      },
    ]
  })
}
`,
        )
        .replace('  name           = "org"', '  name                       = "org"'),
    );
  });
});
