// The `.tf.json` writer: a resource's own attributes, set and removed in the file's JSON style, references as
// interpolations; what lives elsewhere (split resources, policies, new resources) is declined.
import { strict as assert } from 'node:assert';
import { applyEdits, type FixIntent } from '../../../server/src/engine/fix/intents';
import { tfJsonFixEdits } from '../../../server/src/engine/fix/tf-json';

const FLAGS = { title: 't', preferred: true, safe: true } as const;
const MAIN = `{
  "resource": {
    "aws_cloudtrail": {
      "main": {
        "name": "main",
        "is_multi_region_trail": false
      }
    }
  }
}
`;
const texts = new Map([
  ['vars.tf.json', '{ "variable": { "x": {} } }'],
  ['main.tf.json', MAIN],
]);

const fix = (intent: FixIntent): string | undefined => {
  const edits = tfJsonFixEdits(texts, intent);
  return (
    edits &&
    applyEdits(
      MAIN,
      edits.filter((e) => e.file === 'main.tf.json'),
    )
  );
};

describe('.tf.json fix writer', () => {
  it('sets an attribute in the file that declares the resource', () => {
    const edits = tfJsonFixEdits(texts, {
      ...FLAGS,
      kind: 'set',
      resource: 'aws_cloudtrail.main',
      path: ['Properties', 'IsMultiRegionTrail'],
      value: true,
    });
    const at = MAIN.indexOf('false');
    assert.deepEqual(edits, [{ file: 'main.tf.json', start: at, end: at + 5, newText: 'true' }]);
  });

  it('adds an attribute, a reference as an interpolation', () => {
    assert.equal(
      fix({
        ...FLAGS,
        kind: 'set',
        resource: 'aws_cloudtrail.main',
        path: ['Properties', 'KMSKeyId'],
        value: { $ref: 'aws_kms_key.trail', attribute: 'Arn' },
      }),
      MAIN.replace(
        '"is_multi_region_trail": false',
        '"is_multi_region_trail": false,\n        "kms_key_id": "${aws_kms_key.trail.arn}"',
      ),
    );
  });

  it('removes an attribute with its line', () => {
    assert.equal(
      fix({
        ...FLAGS,
        kind: 'remove',
        resource: 'aws_cloudtrail.main',
        path: ['Properties', 'IsMultiRegionTrail'],
      }),
      MAIN.replace(',\n        "is_multi_region_trail": false', ''),
    );
  });

  it('declines what is not an attribute of the resource itself', () => {
    const declined: FixIntent[] = [
      {
        ...FLAGS,
        kind: 'set',
        resource: 'aws_s3_bucket.logs',
        path: ['Properties', 'VersioningConfiguration'],
        value: { Status: 'Enabled' },
      },
      { ...FLAGS, kind: 'append', resource: 'aws_cloudtrail.main', path: ['DependsOn'], value: 'x' },
      {
        ...FLAGS,
        kind: 'set',
        resource: 'aws_cloudtrail.other',
        path: ['Properties', 'IsLogging'],
        value: true,
      },
      {
        ...FLAGS,
        kind: 'set',
        resource: 'module.a.aws_cloudtrail.main',
        path: ['Properties', 'IsLogging'],
        value: true,
      },
      {
        ...FLAGS,
        kind: 'set',
        resource: 'aws_cloudtrail.main',
        path: ['Properties', 'Name'],
        value: { $sub: '${AWS::AccountId}' },
      },
    ];
    for (const intent of declined)
      assert.equal(tfJsonFixEdits(texts, intent), undefined, JSON.stringify(intent));
  });
});
