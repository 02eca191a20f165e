// The Terraform fix writer on a bucket's settings: the provider v4+ split resources (found in any file of
// the module), the old inline blocks, and a new split resource after the bucket when there is none.
import { strict as assert } from 'node:assert';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import type { FixIntent, FixValue } from '../../../server/src/engine/fix/intents';
import { common, fixed, runFix } from '../../helpers/hcl-fix';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const set = (setting: string, value: FixValue): FixIntent => ({
  ...common,
  kind: 'set',
  resource: 'aws_s3_bucket.logs',
  path: ['Properties', setting],
  value,
});

const PAB = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

const BUCKET = `resource "aws_s3_bucket" "logs" {
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "main" {
  s3_bucket_name = aws_s3_bucket.logs.id
}
`;

describe('Terraform fix writer: bucket settings', () => {
  it('adds a public access block after the bucket when there is none', () => {
    assert.equal(
      fixed(reader, BUCKET, set('PublicAccessBlockConfiguration', PAB)),
      BUCKET.replace(
        '}\n\nresource "aws_cloudtrail"',
        `}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = aws_s3_bucket.logs.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail"`,
      ),
    );
  });

  it('sets the settings in the split resource of another file, found by reference or by name', () => {
    const other = `resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = aws_s3_bucket.logs.id
  block_public_acls = false
}
`;
    const result = runFix(
      reader,
      { 'main.tf': BUCKET, 's3.tf': other },
      set('PublicAccessBlockConfiguration', PAB),
    );
    assert.equal(result?.files['main.tf'], BUCKET);
    assert.equal(
      result.files['s3.tf'],
      `resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    );
    const byName = other.replace('aws_s3_bucket.logs.id', '"org-trail-logs"');
    const named = runFix(
      reader,
      { 'main.tf': BUCKET, 's3.tf': byName },
      set('PublicAccessBlockConfiguration', PAB),
    );
    assert.ok(named?.files['s3.tf']?.includes('restrict_public_buckets = true'));
    assert.equal(named?.files['main.tf'], BUCKET);
  });

  it('turns versioning and MFA delete on in the split resource, its nested block, or a new one', () => {
    const value = { Status: 'Enabled', MfaDelete: 'Enabled' };
    const split = `resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Suspended"
  }
}
`;
    const result = runFix(
      reader,
      { 'main.tf': BUCKET, 'versioning.tf': split },
      set('VersioningConfiguration', value),
    );
    assert.equal(
      result?.files['versioning.tf'],
      split.replace('    status = "Suspended"\n', '    status     = "Enabled"\n    mfa_delete = "Enabled"\n'),
    );
    const bare = 'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n}\n';
    const added = runFix(
      reader,
      { 'main.tf': BUCKET, 'versioning.tf': bare },
      set('VersioningConfiguration', value),
    );
    assert.equal(
      added?.files['versioning.tf'],
      `resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}
`,
    );
    assert.ok(
      fixed(reader, BUCKET, set('VersioningConfiguration', value))
        .includes(`resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_cloudtrail" "main" {`),
    );
  });

  it('edits an inline versioning block in place, with booleans', () => {
    const text = `resource "aws_s3_bucket" "logs" {
  bucket = "org-trail-logs"

  versioning {
    enabled = false
  }
}
`;
    assert.equal(
      fixed(reader, text, set('VersioningConfiguration', { Status: 'Enabled', MfaDelete: 'Enabled' })),
      text.replace('    enabled = false\n', '    enabled    = true\n    mfa_delete = true\n'),
    );
  });

  it('adds access logging as a split resource, or sets an inline logging block', () => {
    const value = { DestinationBucketName: { $ref: 'aws_s3_bucket.access' }, LogFilePrefix: 'trail/' };
    const text = `${BUCKET}
resource "aws_s3_bucket" "access" {}
`;
    assert.ok(
      fixed(reader, text, set('LoggingConfiguration', value))
        .includes(`resource "aws_s3_bucket_logging" "logs" {
  bucket = aws_s3_bucket.logs.id

  target_bucket = aws_s3_bucket.access.id
  target_prefix = "trail/"
}
`),
    );
    const inline = `resource "aws_s3_bucket" "logs" {
  logging {
    target_bucket = "old"
  }
}

resource "aws_s3_bucket" "access" {}
`;
    assert.equal(
      fixed(reader, inline, set('LoggingConfiguration', value)),
      inline.replace(
        '    target_bucket = "old"\n',
        '    target_bucket = aws_s3_bucket.access.id\n    target_prefix = "trail/"\n',
      ),
    );
  });
});
