// The JSON writer: exact edits for each intent kind, in the file's own indentation (4 spaces, 1 space as CDK
// writes, tabs) and on one line when the collection is written on one line; the result always parses.
import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { FileEdit, FixIntent } from '../../../server/src/engine/fix/intents';
import { applyEdits } from '../../../server/src/engine/fix/intents';
import { jsonFixEdits } from '../../../server/src/engine/fix/json';

const FLAGS = { title: 't', preferred: true, safe: true } as const;

const TRAIL4 = `{
    "Resources": {
        "Trail": {
            "Type": "AWS::CloudTrail::Trail",
            "Properties": {
                "IsMultiRegionTrail": false,
                "S3BucketName": "b"
            }
        }
    }
}
`;

function fix(text: string, intent: FixIntent): { edits: FileEdit[] | undefined; after: string } {
  const edits = jsonFixEdits('t.json', text, intent);
  const after = edits ? applyEdits(text, edits) : text;
  const errors: ParseError[] = [];
  parseTree(after, errors);
  assert.deepEqual(errors, [], after);
  return { edits, after };
}

describe('JSON fix writer', () => {
  it('replaces a value as a whole word', () => {
    const { edits, after } = fix(TRAIL4, {
      ...FLAGS,
      kind: 'set',
      resource: 'Trail',
      path: ['Properties', 'IsMultiRegionTrail'],
      value: true,
    });
    const at = TRAIL4.indexOf('false');
    assert.deepEqual(edits, [{ file: 't.json', start: at, end: at + 5, newText: 'true' }]);
    assert.equal(after, TRAIL4.replace('false', 'true'));
  });

  it('adds a missing property after its siblings, in the file indentation, with a reference', () => {
    const { after } = fix(TRAIL4, {
      ...FLAGS,
      kind: 'set',
      resource: 'Trail',
      path: ['Properties', 'KMSKeyId'],
      value: { $ref: 'Key', attribute: 'Arn' },
    });
    assert.equal(
      after,
      TRAIL4.replace(
        '"S3BucketName": "b"',
        [
          '"S3BucketName": "b",',
          '                "KMSKeyId": {',
          '                    "Fn::GetAtt": [',
          '                        "Key",',
          '                        "Arn"',
          '                    ]',
          '                }',
        ].join('\n'),
      ),
    );
  });

  it('follows one-space (CDK) and tab indentation, and CRLF', () => {
    const cdk =
      '{\n "Resources": {\n  "T": {\n   "Type": "X",\n   "Properties": {\n    "A": 1\n   }\n  }\n }\n}\n';
    const one = fix(cdk, { ...FLAGS, kind: 'set', resource: 'T', path: ['Properties', 'B'], value: true });
    assert.equal(one.after, cdk.replace('"A": 1', '"A": 1,\n    "B": true'));
    const tabs = cdk
      .replace(/\n( +)/g, (_m, s: string) => `\r\n${'\t'.repeat(s.length)}`)
      .replace(/\n}\n$/, '\r\n}\r\n');
    const tab = fix(tabs, { ...FLAGS, kind: 'set', resource: 'T', path: ['Properties', 'B'], value: true });
    assert.equal(tab.after, tabs.replace('"A": 1', '"A": 1,\r\n\t\t\t\t"B": true'));
  });

  it('keeps a one-line object on one line, spaced as people write it', () => {
    const text = '{"Resources": {"T": {"Type": "X", "Properties": {"A": ["a", "b"]}}}}';
    const { edits, after } = fix(text, {
      ...FLAGS,
      kind: 'set',
      resource: 'T',
      path: ['Properties', 'B'],
      value: { C: true, D: { $sub: 'arn:${AWS::Partition}' } },
    });
    assert.equal(edits?.length, 1);
    assert.equal(
      after,
      '{"Resources": {"T": {"Type": "X", "Properties": {"A": ["a", "b"], "B": { "C": true, "D": { "Fn::Sub": "arn:${AWS::Partition}" } }}}}}',
    );
  });

  it('merges an object into an existing one key by key', () => {
    const text = TRAIL4.replace(
      '"S3BucketName": "b"',
      '"S3BucketName": "b",\n                "P": { "A": false, "Z": 1 }',
    );
    const { after } = fix(text, {
      ...FLAGS,
      kind: 'set',
      resource: 'Trail',
      path: ['Properties', 'P'],
      value: { A: true, B: true },
    });
    assert.equal(after, text.replace('{ "A": false, "Z": 1 }', '{ "A": true, "Z": 1, "B": true }'));
  });

  it('removes a property with its whole line', () => {
    const { edits, after } = fix(TRAIL4, {
      ...FLAGS,
      kind: 'remove',
      resource: 'Trail',
      path: ['Properties', 'IsMultiRegionTrail'],
    });
    const start = TRAIL4.indexOf('                "IsMulti');
    assert.deepEqual(edits, [
      { file: 't.json', start, end: TRAIL4.indexOf('                "S3Bucket'), newText: '' },
    ]);
    assert.equal(after, TRAIL4.replace('                "IsMultiRegionTrail": false,\n', ''));
    assert.deepEqual(
      jsonFixEdits('t.json', after, {
        ...FLAGS,
        kind: 'remove',
        resource: 'Trail',
        path: ['Properties', 'Nope'],
      }),
      [],
    );
  });

  it('appends to lists: a new DependsOn, a scalar DependsOn, a duplicate', () => {
    const added = fix(TRAIL4, {
      ...FLAGS,
      kind: 'append',
      resource: 'Trail',
      path: ['DependsOn'],
      value: 'P',
    });
    assert.match(added.after, /"DependsOn": \[\n {16}"P"\n {12}\]/);
    const text = '{"Resources": {"T": {"Type": "X", "DependsOn": "Q"}}}';
    const scalar = fix(text, { ...FLAGS, kind: 'append', resource: 'T', path: ['DependsOn'], value: 'P' });
    assert.equal(scalar.after, '{"Resources": {"T": {"Type": "X", "DependsOn": ["Q", "P"]}}}');
    assert.deepEqual(
      jsonFixEdits('t.json', scalar.after, {
        ...FLAGS,
        kind: 'append',
        resource: 'T',
        path: ['DependsOn'],
        value: 'Q',
      }),
      [],
    );
  });

  it('appends a statement to a policy whose Statement is one object, and sets a condition by index', () => {
    const text =
      '{"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": {"Effect": "Allow"}}}}}}';
    const appended = fix(text, {
      ...FLAGS,
      kind: 'append',
      resource: 'P',
      path: ['Properties', 'PolicyDocument', 'Statement'],
      value: { Effect: 'Deny' },
    });
    assert.match(appended.after, /"Statement": \[\{ ?"Effect": "Allow" ?\}, \{ "Effect": "Deny" \}\]/);
    const condition = fix(text, {
      ...FLAGS,
      kind: 'set',
      resource: 'P',
      path: ['Properties', 'PolicyDocument', 'Statement', 0, 'Condition'],
      value: { StringEquals: { 'aws:SourceAccount': { $sub: '${AWS::AccountId}' } } },
    });
    assert.match(
      condition.after,
      /"Statement": \{"Effect": "Allow", "Condition": \{ "StringEquals": \{ "aws:SourceAccount": \{ "Fn::Sub": "\$\{AWS::AccountId\}" \} \} \}\}/,
    );
  });

  it('replaces a list item, splicing in a list', () => {
    const text = '{"Resources": {"T": {"Type": "X", "Properties": {"A": ["a", "b"]}}}}';
    const { edits, after } = fix(text, {
      ...FLAGS,
      kind: 'replace',
      resource: 'T',
      path: ['Properties', 'A'],
      from: 'a',
      to: ['x', 'y'],
    });
    assert.deepEqual(edits, [
      { file: 't.json', start: text.indexOf('"a"'), end: text.indexOf('"a"') + 3, newText: '"x", "y"' },
    ]);
    assert.equal(after, text.replace('"a"', '"x", "y"'));
  });

  it('adds a resource, then what refers to it', () => {
    const { after } = fix(TRAIL4, {
      ...FLAGS,
      kind: 'add-resources',
      resources: [{ id: 'Key', type: 'AWS::KMS::Key', properties: { EnableKeyRotation: true } }],
      then: [
        {
          ...FLAGS,
          kind: 'set',
          resource: 'Trail',
          path: ['Properties', 'KMSKeyId'],
          value: { $ref: 'Key' },
        },
      ],
    });
    const parsed = JSON.parse(after) as {
      Resources: Record<string, { Properties: Record<string, unknown> }>;
    };
    assert.deepEqual(parsed.Resources['Key'], {
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    });
    assert.deepEqual(parsed.Resources['Trail']?.Properties['KMSKeyId'], { Ref: 'Key' });
    assert.match(after, /\n {8}"Key": \{\n {12}"Type": "AWS::KMS::Key",/);
  });

  it('refuses what it cannot write cleanly', () => {
    const set = (text: string, path: (string | number)[]): FileEdit[] | undefined =>
      jsonFixEdits('t.json', text, { ...FLAGS, kind: 'set', resource: 'T', path, value: true });
    assert.equal(set('{"Resources": {"T": {"Type": "X"', ['Properties', 'A']), undefined, 'syntax error');
    assert.equal(set('{"Resources": {}}', ['Properties', 'A']), undefined, 'no such resource');
    assert.equal(
      set('{"Resources": {"T": {"Type": "X", "Properties": {"P": {"Fn::If": ["c", {}, {}]}}}}}', [
        'Properties',
        'P',
        'A',
      ]),
      undefined,
      'a path through an intrinsic',
    );
    assert.equal(
      jsonFixEdits('t.json', '{"Resources": {"T": {"Type": "X"}}}', {
        ...FLAGS,
        kind: 'add-resources',
        resources: [{ id: 'T', type: 'Y', properties: {} }],
        then: [],
      }),
      undefined,
      'an id that exists',
    );
  });
});
