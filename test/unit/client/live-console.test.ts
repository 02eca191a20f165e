// Console links of live findings, one per kind of resource and per partition, and the names ARNs are shown
// by in the tree.
import { strict as assert } from 'node:assert';
import { parseArn } from '../../../client/src/live-arn';
import { consoleUrl, logGroupFragment } from '../../../client/src/live-console';

const ACCOUNT = '111122223333';

describe('AWS console links of live findings (VS Code client)', () => {
  it('links a trail by its encoded ARN, in its home region', () => {
    const arn = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org-audit`;
    assert.equal(
      consoleUrl(arn),
      `https://console.aws.amazon.com/cloudtrailv2/home?region=eu-west-1#/trails/arn%3Aaws%3Acloudtrail%3Aeu-west-1%3A${ACCOUNT}%3Atrail%2Forg-audit`,
    );
  });

  it('links a bucket, a key, a log group', () => {
    assert.equal(
      consoleUrl('arn:aws:s3:::audit-logs'),
      'https://s3.console.aws.amazon.com/s3/buckets/audit-logs',
    );
    assert.equal(
      consoleUrl(`arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
      'https://console.aws.amazon.com/kms/home?region=us-east-2#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    const group =
      'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/';
    assert.equal(
      consoleUrl(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/cloudtrail`),
      `${group}$252Faws$252Fcloudtrail`,
    );
    assert.equal(consoleUrl(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:audit:*`), `${group}audit`);
  });

  it('encodes a log group name the way the CloudWatch console does', () => {
    assert.equal(logGroupFragment('/aws/cloud trail#1'), '$252Faws$252Fcloud$2520trail$25231');
  });

  it('links IAM roles, users and groups by name, without their path', () => {
    assert.equal(
      consoleUrl(`arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123`),
      'https://console.aws.amazon.com/iam/home#/roles/AWSReservedSSO_Admin_0123',
    );
    assert.equal(
      consoleUrl(`arn:aws:iam::${ACCOUNT}:user/ops/alice`),
      'https://console.aws.amazon.com/iam/home#/users/alice',
    );
    assert.equal(
      consoleUrl(`arn:aws:iam::${ACCOUNT}:group/Auditors`),
      'https://console.aws.amazon.com/iam/home#/groups/Auditors',
    );
  });

  it('uses the console of the ARN’s partition', () => {
    assert.equal(
      consoleUrl('arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/t'),
      'https://console.amazonaws.cn/cloudtrailv2/home?region=cn-north-1#/trails/arn%3Aaws-cn%3Acloudtrail%3Acn-north-1%3A111122223333%3Atrail%2Ft',
    );
    assert.equal(consoleUrl('arn:aws-cn:s3:::logs'), 'https://console.amazonaws.cn/s3/buckets/logs');
    assert.equal(
      consoleUrl('arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/abc'),
      'https://console.amazonaws-us-gov.com/kms/home?region=us-gov-west-1#/kms/keys/abc',
    );
    assert.equal(
      consoleUrl('arn:aws-us-gov:s3:::logs'),
      'https://console.amazonaws-us-gov.com/s3/buckets/logs',
    );
    assert.equal(consoleUrl('arn:aws-iso:s3:::logs'), undefined, 'no console host known');
  });

  it('has no link for the account id, an alias or what it does not know', () => {
    assert.equal(consoleUrl(ACCOUNT), undefined);
    assert.equal(consoleUrl(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/trail`), undefined);
    assert.equal(consoleUrl(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/abc`), undefined);
    assert.equal(consoleUrl('not an arn'), undefined);
  });

  it('names resources the way people know them', () => {
    assert.deepEqual(
      [
        `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit`,
        'arn:aws:s3:::audit-logs/AWSLogs/x',
        `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:a:b:*`,
        ACCOUNT,
      ].map((arn) => [parseArn(arn)?.kind, parseArn(arn)?.name]),
      [
        ['trail', 'org-audit'],
        ['S3 bucket', 'audit-logs'],
        ['log group', 'a:b'],
        ['account', ACCOUNT],
      ],
    );
  });
});
