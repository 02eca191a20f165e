// Suppressions through the engine's front door: which findings they cover, what they record, and the notes
// that keep them auditable. Only CT001, CT003 and CT004 run (see helpers.ts).
import { strict as assert } from 'node:assert';
import { SUPPRESSIONS_DOCS_URL } from '../../../server/src/engine/suppress/apply';
import { describeFindings, lint } from './helpers';

const TYPE = '"Type: AWS::CloudTrail::Trail"';

/** A trail failing CT001, CT003 and CT004, with room for Metadata and comments. */
function trail(opts: { above?: string[]; metadata?: string[]; multiRegion?: string } = {}): string {
  return [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Trail:',
    ...(opts.above ?? []),
    '    Type: AWS::CloudTrail::Trail',
    ...(opts.metadata ? ['    Metadata:', ...opts.metadata] : []),
    '    Properties:',
    '      S3BucketName: central-log-archive',
    `      IsMultiRegionTrail: false${opts.multiRegion ?? ''}`,
    '      EnableLogFileValidation: false',
    '',
  ].join('\n');
}

describe('suppressions', () => {
  it('reports everything when nothing is suppressed', () => {
    const text = trail();
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Trail @${TYPE}`,
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it('honours a comment on the line above and one at the end of the line, with their reasons', () => {
    const text = trail({
      above: ['    # trail-lint-disable-next-line CT004 -- keys live in the security account'],
      multiRegion: '  # trail-lint-disable-line CT001, CT003 -- regional sandbox',
    });
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Trail @${TYPE} suppressed=comment:"keys live in the security account"@"# trail-lint-disable-next-line CT004 -- keys live in the security account"`,
      'CT001 warning Trail @"IsMultiRegionTrail: false" suppressed=comment:"regional sandbox"@"# trail-lint-disable-line CT001, CT003 -- regional sandbox"',
      // The same-line form reaches its own line only: CT003 sits on the next one.
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it("honours trail-lint ignore entries in the resource's Metadata", () => {
    const text = trail({
      metadata: [
        '      trail-lint:',
        '        ignore:',
        '          - id: CT004',
        '            reason: keys live in the security account',
        '          - { id: ct001, reason: "regional sandbox" }',
      ],
    });
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Trail @${TYPE} suppressed=metadata:"keys live in the security account"@"id: CT004\\n            reason: keys live in the security account"`,
      'CT001 warning Trail @"IsMultiRegionTrail: false" suppressed=metadata:"regional sandbox"@"{ id: ct001, reason: \\"regional sandbox\\" }"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it('honours the same Metadata in a JSON template', () => {
    const text = `{
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Metadata": { "trail-lint": { "ignore": [{ "id": "CT003", "reason": "digests checked by the archive" }] } },
      "Properties": { "S3BucketName": "b", "IsMultiRegionTrail": true, "EnableLogFileValidation": false, "KMSKeyId": "alias/t" }
    }
  }
}
`;
    assert.deepEqual(describeFindings(text, lint(text, {}, 't.json')), [
      'CT003 warning Trail @"\\"EnableLogFileValidation\\": false" suppressed=metadata:"digests checked by the archive"@"{ \\"id\\": \\"CT003\\", \\"reason\\": \\"digests checked by the archive\\" }"',
    ]);
  });

  it("honours checkov's skip list, mapped to our ids, with its comment as the reason", () => {
    const text = trail({
      metadata: [
        '      checkov:',
        '        skip:',
        '          - id: CKV_AWS_35',
        '            comment: keys live in the security account',
        '          - id: CKV_AWS_67',
        '          - id: CKV_AWS_999',
        '            comment: not a check that maps to trail-lint',
      ],
    });
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Trail @${TYPE} suppressed=checkov:"keys live in the security account"@"id: CKV_AWS_35\\n            comment: keys live in the security account"`,
      'CT001 info Trail @"id: CKV_AWS_67" note=no-reason',
      'CT001 warning Trail @"IsMultiRegionTrail: false" suppressed=checkov:-@"id: CKV_AWS_67"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it("honours cfn-guard's SuppressedRules, noting that they carry no reason unless ours gives one", () => {
    const text = trail({
      metadata: [
        '      guard:',
        '        SuppressedRules:',
        '          - CLOUD_TRAIL_ENCRYPTION_ENABLED',
        '          - CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
        '          - S3_BUCKET_LOGGING_ENABLED',
        '      trail-lint:',
        '        ignore: [{ id: CT003, reason: digests checked by the archive }]',
      ],
    });
    const result = lint(text);
    assert.deepEqual(describeFindings(text, result), [
      `CT004 warning Trail @${TYPE} suppressed=guard:-@"CLOUD_TRAIL_ENCRYPTION_ENABLED"`,
      'CT004 info Trail @"CLOUD_TRAIL_ENCRYPTION_ENABLED" note=no-reason',
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false" suppressed=metadata:"digests checked by the archive"@"{ id: CT003, reason: digests checked by the archive }"',
    ]);
    const note = result.findings.find((f) => f.suppressionNote);
    assert.equal(
      note?.message,
      "CT004 is suppressed for Trail by cfn-guard's SuppressedRules CLOUD_TRAIL_ENCRYPTION_ENABLED, which carries no reason. Add a trail-lint ignore entry for CT004 with a reason to say why.",
    );
  });

  it("leaves cfn-lint's ignore_checks alone: they name cfn-lint's checks", () => {
    const text = trail({
      metadata: ['      cfn-lint:', '        config:', '          ignore_checks: [CT004, W3005]'],
    });
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Trail @${TYPE}`,
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it('suppresses without a reason, and notes it at the suppression under the rule it silences', () => {
    const text = trail({
      above: ['    # trail-lint-disable-next-line CT004'],
      metadata: ['      trail-lint:', '        ignore: [CT003]'],
    });
    const result = lint(text);
    assert.deepEqual(describeFindings(text, result), [
      'CT004 info - @"# trail-lint-disable-next-line CT004" note=no-reason',
      `CT004 warning Trail @${TYPE} suppressed=comment:-@"# trail-lint-disable-next-line CT004"`,
      'CT003 info Trail @"CT003" note=no-reason',
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false" suppressed=metadata:-@"CT003"',
    ]);
    const notes = result.findings.filter((f) => f.suppressionNote);
    assert.deepEqual(
      notes.map((n) => [n.message, n.docs]),
      [
        [
          'CT004 is suppressed here without a reason. Say why after "--" (trail-lint-disable-next-line CT004 -- why), so that reviews and audits can follow it.',
          'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/CT004-trail-kms-encryption.md',
        ],
        [
          'CT003 is suppressed for Trail without a reason. Add "reason:" to the trail-lint ignore entry, so that reviews and audits can follow it.',
          'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/CT003-trail-log-file-validation.md',
        ],
      ],
    );
  });

  it('notes ids of ours that name no rule, at the id, and suppresses nothing with them', () => {
    const text = trail({
      above: ['    # trail-lint-disable-next-line CT040 -- typo for CT004'],
      metadata: [
        '      trail-lint:',
        '        ignore:',
        '          - id: CT0001',
        '            reason: typo for CT001',
      ],
    });
    const result = lint(text);
    assert.deepEqual(describeFindings(text, result), [
      'CT040 info - @"CT040" note=unknown-id',
      `CT004 warning Trail @${TYPE}`,
      'CT0001 info Trail @"CT0001" note=unknown-id',
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
    const notes = result.findings.filter((f) => f.suppressionNote);
    assert.deepEqual(
      notes.map((n) => [n.message, n.docs]),
      [
        [
          'CT040 is not a trail-lint rule id, so this trail-lint-disable-next-line suppresses nothing. The rule ids are listed in the catalog (docs/rules).',
          SUPPRESSIONS_DOCS_URL,
        ],
        [
          'CT0001 is not a trail-lint rule id, so this Metadata trail-lint.ignore suppresses nothing. The rule ids are listed in the catalog (docs/rules).',
          SUPPRESSIONS_DOCS_URL,
        ],
      ],
    );
  });

  it('ignores every in-file suppression with inlineSuppressions: false, and notes none', () => {
    const text = trail({
      above: ['    # trail-lint-disable-next-line CT004'],
      metadata: [
        '      checkov:',
        '        skip: [{ id: CKV_AWS_36 }]',
        '      trail-lint:',
        '        ignore: [{ id: CT001, reason: sandbox }]',
      ],
    });
    assert.deepEqual(describeFindings(text, lint(text, { inlineSuppressions: false })), [
      `CT004 warning Trail @${TYPE}`,
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it('notes nothing for a rule that is turned off', () => {
    const text = trail({ above: ['    # trail-lint-disable-next-line CT004'] });
    assert.deepEqual(describeFindings(text, lint(text, { severities: { CT004: 'off' } })), [
      'CT001 warning Trail @"IsMultiRegionTrail: false"',
      'CT003 warning Trail @"EnableLogFileValidation: false"',
    ]);
  });

  it('applies a suppression to its own resource only', () => {
    const text = [
      'Resources:',
      '  Quiet:',
      '    Type: AWS::CloudTrail::Trail',
      '    Metadata: { trail-lint: { ignore: [{ id: CT004, reason: central keys }] } }',
      '    Properties: { S3BucketName: b, IsMultiRegionTrail: true, EnableLogFileValidation: true }',
      '  Loud:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties: { S3BucketName: b, IsMultiRegionTrail: true, EnableLogFileValidation: true }',
      '',
    ].join('\n');
    assert.deepEqual(describeFindings(text, lint(text)), [
      `CT004 warning Quiet @${TYPE} suppressed=metadata:"central keys"@"{ id: CT004, reason: central keys }"`,
      `CT004 warning Loud @${TYPE}`,
    ]);
  });
});
