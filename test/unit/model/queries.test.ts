// The log files the bucket rules probe: where each trail of the file writes, under its key prefix.
import { strict as assert } from 'node:assert';
import { adaptTemplate } from '../../../server/src/engine/cfn/adapt';
import { CfnTemplate } from '../../../server/src/engine/cfn/template';
import { logObjectProbes } from '../../../server/src/engine/model/queries';
import type { Model } from '../../../server/src/engine/model/types';
import { parseYamlFull as parseYaml } from '../../../server/src/engine/source/yaml-parse';

function model(text: string): Model {
  const root = parseYaml(text).roots[0];
  assert.ok(root?.kind === 'map');
  return adaptTemplate(new CfnTemplate(root), 't.yaml');
}

const trail = (id: string, bucket: string, prefix?: string) => `  ${id}:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref ${bucket}${prefix === undefined ? '' : `\n      S3KeyPrefix: ${prefix}`}
`;

describe('log file probes', () => {
  const m = model(`Parameters:
  Prefix: { Type: String }
  Defaulted: { Type: String, Default: team-d }
Resources:
${trail('Plain', 'PlainBucket')}${trail('Prefixed', 'PrefixedBucket', 'team-a/')}${trail('Again', 'PrefixedBucket', 'team-a')}${trail('Other', 'PrefixedBucket', 'team-b')}${trail('Unknown', 'UnknownBucket', '!Ref Prefix')}${trail('Stack', 'UnknownBucket', '!Ref AWS::StackName')}${trail('Param', 'ParamBucket', '!Ref Defaulted')}  PlainBucket: { Type: AWS::S3::Bucket }
  PrefixedBucket: { Type: AWS::S3::Bucket }
  UnknownBucket: { Type: AWS::S3::Bucket }
  ParamBucket: { Type: AWS::S3::Bucket }
  ArchiveBucket: { Type: AWS::S3::Bucket, Properties: { BucketName: central-archive } }
`);
  const probes = (id: string) => {
    const bucket = m.buckets.find((b) => b.id === id);
    assert.ok(bucket);
    return logObjectProbes(bucket).map((p) => [
      p.resource.replaceAll(String.fromCharCode(0), '?'),
      p.resourceIsPattern,
      p.trail?.id,
    ]);
  };
  const file = 'CloudTrail/?/?.json.gz';

  it('puts a trail without a prefix at the root AWSLogs/ of its account', () => {
    assert.deepEqual(probes('PlainBucket'), [
      [`arn:\${AWS::Partition}:s3:::\${PlainBucket}/AWSLogs/\${AWS::AccountId}/${file}`, false, 'Plain'],
    ]);
  });

  it('puts each trail under its own prefix, once per location', () => {
    assert.deepEqual(probes('PrefixedBucket'), [
      [
        `arn:\${AWS::Partition}:s3:::\${PrefixedBucket}/team-a/AWSLogs/\${AWS::AccountId}/${file}`,
        false,
        'Prefixed',
      ],
      [
        `arn:\${AWS::Partition}:s3:::\${PrefixedBucket}/team-b/AWSLogs/\${AWS::AccountId}/${file}`,
        false,
        'Other',
      ],
    ]);
    assert.deepEqual(probes('ParamBucket'), [
      [
        `arn:\${AWS::Partition}:s3:::\${ParamBucket}/team-d/AWSLogs/\${AWS::AccountId}/${file}`,
        false,
        'Param',
      ],
    ]);
  });

  it('makes a prefix the file does not give a pattern over every prefix', () => {
    assert.deepEqual(probes('UnknownBucket'), [
      [`arn:\${AWS::Partition}:s3:::\${UnknownBucket}/*AWSLogs/\${AWS::AccountId}/${file}`, true, 'Unknown'],
    ]);
  });

  it('probes the plain AWSLogs/ location of a bucket no trail of the file writes to', () => {
    assert.deepEqual(probes('ArchiveBucket'), [
      [`arn:\${AWS::Partition}:s3:::central-archive/AWSLogs/?/${file}`, false, undefined],
    ]);
  });
});
