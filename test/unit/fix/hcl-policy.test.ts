// The Terraform fix writer on policy documents: a statement appended, or a condition set into a statement,
// however the document is written: `jsonencode({ … })`, JSON in a heredoc or a quoted string, or an
// `aws_iam_policy_document` data source.
import { strict as assert } from 'node:assert';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import type { FixIntent, FixValue } from '../../../server/src/engine/fix/intents';
import { common, fixed, runFix } from '../../helpers/hcl-fix';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const STATEMENT: FixValue = {
  Sid: 'AWSCloudTrailWrite',
  Effect: 'Allow',
  Principal: { Service: 'cloudtrail.amazonaws.com' },
  Action: 's3:PutObject',
  Resource: { $sub: '${aws_s3_bucket.logs.Arn}/AWSLogs/*' },
  Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
};

const append = (resource: string, value: FixValue = STATEMENT): FixIntent => ({
  ...common,
  kind: 'append',
  resource,
  path: ['Properties', 'PolicyDocument', 'Statement'],
  value,
});

const SOURCE_ARN = 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main';
const condition = (resource: string): FixIntent => ({
  ...common,
  kind: 'set',
  resource,
  path: ['Properties', 'PolicyDocument', 'Statement', 1, 'Condition', 'StringEquals', 'aws:SourceArn'],
  value: SOURCE_ARN,
});

const BUCKET = 'resource "aws_s3_bucket" "logs" {}\n\n';

const JSONENCODE = `${BUCKET}resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AWSCloudTrailAclCheck"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:GetBucketAcl"
        Resource  = aws_s3_bucket.logs.arn
      },
      {
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.logs.arn}/AWSLogs/*"
      },
    ]
  })
}
`;

const HEREDOC = `${BUCKET}resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AWSCloudTrailAclCheck",
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:GetBucketAcl",
      "Resource": "\${aws_s3_bucket.logs.arn}"
    },
    {
      "Sid": "AWSCloudTrailWrite",
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:PutObject",
      "Resource": "\${aws_s3_bucket.logs.arn}/AWSLogs/*"
    }
  ]
}
EOF
}
`;

const DOCUMENT = `${BUCKET}resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.logs.json
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "AWSCloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.logs.arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }

  statement {
    sid       = "AWSCloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.logs.arn}/AWSLogs/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}
`;

const NEW_HCL = `{
        Sid       = "AWSCloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "\${aws_s3_bucket.logs.arn}/AWSLogs/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },`;

const NEW_JSON = `,
    {
      "Sid": "AWSCloudTrailWrite",
      "Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"},
      "Action": "s3:PutObject",
      "Resource": "\${aws_s3_bucket.logs.arn}/AWSLogs/*",
      "Condition": {
        "StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}
      }
    }`;

const NEW_BLOCK = `

  statement {
    sid       = "AWSCloudTrailWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["\${aws_s3_bucket.logs.arn}/AWSLogs/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }`;

/** Text inserted after the last occurrence of `anchor`. */
const after = (text: string, anchor: string, inserted: string): string => {
  const at = text.lastIndexOf(anchor) + anchor.length;
  return text.slice(0, at) + inserted + text.slice(at);
};

describe('Terraform fix writer: policy documents', () => {
  it('appends to the Statement tuple of a jsonencode document, in HCL object syntax', () => {
    assert.equal(
      fixed(reader, JSONENCODE, append('aws_s3_bucket_policy.logs')),
      after(JSONENCODE, '      },', '\n      ' + NEW_HCL),
    );
  });

  it('appends to a one-line tuple, and to a key policy', () => {
    const key = `resource "aws_kms_key" "k" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "kms:*" }] })
}
`;
    const intent: FixIntent = {
      ...common,
      kind: 'append',
      resource: 'aws_kms_key.k',
      path: ['Properties', 'KeyPolicy', 'Statement'],
      value: { Effect: 'Allow', Action: 'kms:Decrypt', Principal: { Service: 'cloudtrail.amazonaws.com' } },
    };
    assert.equal(
      fixed(reader, key, intent),
      key.replace(
        'Action = "kms:*" }]',
        `Action = "kms:*" }, {
    Effect    = "Allow"
    Action    = "kms:Decrypt"
    Principal = { Service = "cloudtrail.amazonaws.com" }
  }]`,
      ),
    );
  });

  it('sets a condition into statement 1 of a jsonencode document', () => {
    assert.equal(
      fixed(reader, JSONENCODE, condition('aws_s3_bucket_policy.logs')),
      after(
        JSONENCODE,
        '"${aws_s3_bucket.logs.arn}/AWSLogs/*"',
        `
        Condition = {
          StringEquals = {
            "aws:SourceArn" = "${SOURCE_ARN}"
          }
        }`,
      ),
    );
  });

  it('appends a statement to JSON in a heredoc', () => {
    assert.equal(
      fixed(reader, HEREDOC, append('aws_s3_bucket_policy.logs')),
      after(HEREDOC, '    }', NEW_JSON),
    );
  });

  it('sets a condition into statement 1 of JSON in a heredoc', () => {
    assert.equal(
      fixed(reader, HEREDOC, condition('aws_s3_bucket_policy.logs')),
      after(
        HEREDOC,
        '"${aws_s3_bucket.logs.arn}/AWSLogs/*"',
        `,
      "Condition": {
        "StringEquals": {"aws:SourceArn": "${SOURCE_ARN}"}
      }`,
      ),
    );
  });

  it('appends a statement block to a policy document data source', () => {
    assert.equal(
      fixed(reader, DOCUMENT, append('aws_s3_bucket_policy.logs')),
      after(DOCUMENT, '    }\n  }', NEW_BLOCK),
    );
  });

  it('adds a condition block to statement 1 of a policy document data source', () => {
    assert.equal(
      fixed(reader, DOCUMENT, condition('aws_s3_bucket_policy.logs')),
      after(
        DOCUMENT,
        '      identifiers = ["cloudtrail.amazonaws.com"]\n    }',
        `

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = ["${SOURCE_ARN}"]
    }`,
      ),
    );
  });

  it("appends to a bucket's inline policy written as a quoted JSON string", () => {
    const text = String.raw`resource "aws_s3_bucket" "logs" {
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:*\"}]}"
}
`;
    const value: FixValue = { Effect: 'Allow', Resource: { $sub: '${aws_s3_bucket.logs.Arn}/*' } };
    assert.equal(
      fixed(reader, text, append('aws_s3_bucket.logs#policy', value)),
      text.replace(
        String.raw`\"s3:*\"}]`,
        String.raw`\"s3:*\"}, {\"Effect\": \"Allow\", \"Resource\": \"` +
          '${aws_s3_bucket.logs.arn}' +
          String.raw`/*\"}]`,
      ),
    );
  });

  it('declines documents it cannot edit', () => {
    const policy = (value: string): Record<string, string> => ({
      'main.tf': `resource "aws_s3_bucket_policy" "p" {\n  policy = ${value}\n}\n`,
    });
    for (const value of ['file("p.json")', 'var.policy', 'local.doc ? "a" : "b"']) {
      assert.equal(runFix(reader, policy(value), append('aws_s3_bucket_policy.p')), undefined, value);
    }
    const merged = DOCUMENT.replace(
      'data "aws_iam_policy_document" "logs" {\n',
      'data "aws_iam_policy_document" "logs" {\n  source_policy_documents = [var.extra]\n',
    );
    assert.equal(runFix(reader, { 'main.tf': merged }, condition('aws_s3_bucket_policy.logs')), undefined);
  });
});
