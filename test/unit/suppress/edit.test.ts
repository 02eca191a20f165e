// The edit behind "Suppress <rule> for this resource": exact text edits per style, and proof that the edited
// file suppresses the finding (and still parses).
import { strict as assert } from 'node:assert';
import { suppressionEdits, type TextEdit } from '../../../server/src/engine/suppress/edit';
import { describeFindings, lint } from './helpers';

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The edit must leave a file in which CT004 on Trail is suppressed with reason TODO. */
function assertSuppresses(after: string, file = 't.yaml'): void {
  const ct004 = describeFindings(after, lint(after, {}, file)).filter((d) => d.startsWith('CT004 '));
  assert.equal(ct004.length, 1, ct004.join('\n'));
  assert.match(ct004[0] ?? '', / suppressed=metadata:"TODO"@/);
}

function check(text: string, expectedEdits: TextEdit[], expectedText: string, file = 't.yaml'): void {
  const edits = suppressionEdits(text, 'Trail', 'CT004');
  assert.deepEqual(edits, expectedEdits);
  const after = apply(text, edits ?? []);
  assert.equal(after, expectedText);
  assertSuppresses(after, file);
}

describe('suppression edits', () => {
  it('adds Metadata under Type in block YAML, keeping the comment on the Type line', () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail  # audit trail',
      '    Properties:',
      '      S3BucketName: b',
      '',
    ].join('\n');
    const insertAt = text.indexOf('  # audit trail') + '  # audit trail'.length;
    check(
      text,
      [
        {
          start: insertAt,
          end: insertAt,
          newText:
            '\n    Metadata:\n      trail-lint:\n        ignore:\n          - id: CT004\n            reason: TODO',
        },
      ],
      [
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail  # audit trail',
        '    Metadata:',
        '      trail-lint:',
        '        ignore:',
        '          - id: CT004',
        '            reason: TODO',
        '    Properties:',
        '      S3BucketName: b',
        '',
      ].join('\n'),
    );
  });

  it("follows the file's indentation step and its unindented sequences", () => {
    const text = [
      'Resources:',
      '    Trail:',
      '        Type: AWS::CloudTrail::Trail',
      '        Properties:',
      '            S3BucketName: b',
      '            Tags:',
      '            - Key: team',
      '              Value: audit',
      '',
    ].join('\n');
    const at = text.indexOf('AWS::CloudTrail::Trail') + 'AWS::CloudTrail::Trail'.length;
    check(
      text,
      [
        {
          start: at,
          end: at,
          newText:
            '\n        Metadata:\n            trail-lint:\n                ignore:\n                - id: CT004\n                  reason: TODO',
        },
      ],
      [
        'Resources:',
        '    Trail:',
        '        Type: AWS::CloudTrail::Trail',
        '        Metadata:',
        '            trail-lint:',
        '                ignore:',
        '                - id: CT004',
        '                  reason: TODO',
        '        Properties:',
        '            S3BucketName: b',
        '            Tags:',
        '            - Key: team',
        '              Value: audit',
        '',
      ].join('\n'),
    );
  });

  it("adds trail-lint to an existing Metadata after another tool's entry", () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Metadata:',
      '      cfn-lint:',
      '        config:',
      '          ignore_checks: [W3005]  # cfn-lint only',
      '    Properties:',
      '      S3BucketName: b',
      '',
    ].join('\n');
    const at = text.indexOf('  # cfn-lint only') + '  # cfn-lint only'.length;
    check(
      text,
      [
        {
          start: at,
          end: at,
          newText: '\n      trail-lint:\n        ignore:\n          - id: CT004\n            reason: TODO',
        },
      ],
      [
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Metadata:',
        '      cfn-lint:',
        '        config:',
        '          ignore_checks: [W3005]  # cfn-lint only',
        '      trail-lint:',
        '        ignore:',
        '          - id: CT004',
        '            reason: TODO',
        '    Properties:',
        '      S3BucketName: b',
        '',
      ].join('\n'),
    );
  });

  it('appends to an existing ignore list in its item style', () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Metadata:',
      '      trail-lint:',
      '        ignore:',
      '        -   id: CT001',
      '            reason: regional sandbox  # agreed in review',
      '      owner: audit',
      '    Properties:',
      '      S3BucketName: b',
      '',
    ].join('\n');
    const at = text.indexOf('# agreed in review') + '# agreed in review'.length;
    check(
      text,
      [{ start: at, end: at, newText: '\n        -   id: CT004\n            reason: TODO' }],
      [
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Metadata:',
        '      trail-lint:',
        '        ignore:',
        '        -   id: CT001',
        '            reason: regional sandbox  # agreed in review',
        '        -   id: CT004',
        '            reason: TODO',
        '      owner: audit',
        '    Properties:',
        '      S3BucketName: b',
        '',
      ].join('\n'),
    );
  });

  it('writes flow entries into flow collections', () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Metadata: { trail-lint: { ignore: [{ id: CT001, reason: sandbox }] } }',
      '    Properties: { S3BucketName: b }',
      '',
    ].join('\n');
    const at = text.indexOf('sandbox }') + 'sandbox }'.length;
    check(
      text,
      [{ start: at, end: at, newText: ', { id: CT004, reason: TODO }' }],
      text.replace('sandbox }]', 'sandbox }, { id: CT004, reason: TODO }]'),
    );
  });

  it('replaces a null Metadata and keeps CRLF line ends', () => {
    const text =
      'Resources:\r\n  Trail:\r\n    Type: AWS::CloudTrail::Trail\r\n    Metadata: ~\r\n    Properties:\r\n      S3BucketName: b\r\n';
    const nullAt = text.indexOf('~');
    check(
      text,
      [
        { start: nullAt, end: nullAt + 1, newText: '' },
        {
          start: nullAt + 1,
          end: nullAt + 1,
          newText:
            '\r\n      trail-lint:\r\n        ignore:\r\n          - id: CT004\r\n            reason: TODO',
        },
      ],
      'Resources:\r\n  Trail:\r\n    Type: AWS::CloudTrail::Trail\r\n    Metadata: \r\n      trail-lint:\r\n        ignore:\r\n          - id: CT004\r\n            reason: TODO\r\n    Properties:\r\n      S3BucketName: b\r\n',
    );
  });

  it("adds Metadata to a JSON resource with the file's indentation, touching nothing else", () => {
    const text = `{
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": { "S3BucketName": "b" }
    }
  }
}
`;
    const at = text.indexOf('"b" }') + '"b" }'.length;
    check(
      text,
      [
        {
          start: at,
          end: at,
          newText:
            ',\n      "Metadata": {\n        "trail-lint": {\n          "ignore": [\n            {\n              "id": "CT004",\n              "reason": "TODO"\n            }\n          ]\n        }\n      }',
        },
      ],
      `{
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": { "S3BucketName": "b" },
      "Metadata": {
        "trail-lint": {
          "ignore": [
            {
              "id": "CT004",
              "reason": "TODO"
            }
          ]
        }
      }
    }
  }
}
`,
      't.json',
    );
  });

  it('appends to a JSON ignore list, on one line when the list is written on one line', () => {
    const text = `{
    "Resources": {
        "Trail": {
            "Type": "AWS::CloudTrail::Trail",
            "Metadata": { "trail-lint": { "ignore": [{ "id": "CT001", "reason": "sandbox" }] } },
            "Properties": { "S3BucketName": "b" }
        }
    }
}
`;
    const at = text.indexOf('"sandbox" }') + '"sandbox" }'.length;
    check(
      text,
      [{ start: at, end: at, newText: ', { "id": "CT004", "reason": "TODO" }' }],
      text.replace('"sandbox" }]', '"sandbox" }, { "id": "CT004", "reason": "TODO" }]'),
      't.json',
    );
  });

  it('offers no edit where Metadata is not a map, or the resource is not there', () => {
    const text = 'Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Metadata: [oops]\n';
    assert.equal(suppressionEdits(text, 'Trail', 'CT004'), undefined);
    assert.equal(suppressionEdits(text, 'Other', 'CT004'), undefined);
    assert.equal(suppressionEdits('Resources:\n  Trail: [\n', 'Trail', 'CT004'), undefined);
  });
});
