// How CT008 reads S3 object data-resource values: the forms CloudTrail accepts, and the one it rejects.
import { strict as assert } from 'node:assert';
import { readS3Value } from '../../../server/src/engine/rules/s3-data-resources';

describe('S3 object data-resource values', () => {
  const cases: [string | undefined, ReturnType<typeof readS3Value>][] = [
    ['arn:aws:s3', { kind: 'all' }],
    ['arn:aws:s3:::', { kind: 'all' }],
    ['arn:${AWS::Partition}:s3', { kind: 'all' }],
    ['arn:aws-us-gov:s3:::logs/', { kind: 'objects', bucket: 'logs', prefix: '' }],
    ['arn:${AWS::Partition}:s3:::data/images/', { kind: 'objects', bucket: 'data', prefix: 'images/' }],
    ['arn:${AWS::Partition}:s3:::${Reports}/', { kind: 'objects', bucket: '${Reports}', prefix: '' }],
    ['arn:aws:s3:::data', { kind: 'bucket-only', bucket: 'data' }],
    ['arn:aws:s3:::*', { kind: 'unknown' }],
    ['arn:aws:lambda', { kind: 'unknown' }],
    [undefined, { kind: 'unknown' }],
  ];
  for (const [value, expected] of cases) {
    it(`reads ${String(value)} as ${expected.kind}`, () => assert.deepEqual(readS3Value(value), expected));
  }
});
