import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDocument, type LintResult } from '../../server/src/engine/lint';
import { RULES } from '../../server/src/engine/rules';
import type { Rule } from '../../server/src/engine/rules/types';

const TRAIL = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Region: { Type: String }
  Validation: { Type: String, Default: 'false' }
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: !Ref Region
      EnableLogFileValidation: !Ref Validation
      KMSKeyId: alias/trail
      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:t:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/t
      S3BucketName: logs
      InsightSelectors: [{ InsightType: ApiCallRateInsight }]
      EventSelectors:
        - DataResources: [{ Type: AWS::S3::Object, Values: ['arn:aws:s3'] }]
`;

const summary = (r: LintResult): string[] =>
  r.findings.map((f) => `${f.ruleId}:${f.severity}${f.unverified ? ':unverified' : ''}`);
const textAt = (text: string, at: { start: number; end: number }): string => text.slice(at.start, at.end);

describe('engine', () => {
  it('judges a parameter default and says where the value came from', () => {
    const result = lintDocument({ file: 't.yaml', text: TRAIL });
    assert.deepEqual(summary(result), ['CT003:warning']);
    const finding = result.findings[0];
    assert.match(finding?.message ?? '', /default of parameter Validation; a deployment may override it/);
    assert.equal(textAt(TRAIL, finding!.at), 'EnableLogFileValidation: !Ref Validation');
    assert.equal(textAt(TRAIL, finding!.related[0]!.at), "'false'");
  });

  it('stays silent on unresolved values unless asked, then says what it could not verify', () => {
    const result = lintDocument({ file: 't.yaml', text: TRAIL }, { reportUnverified: true });
    assert.deepEqual(summary(result), ['CT001:info:unverified', 'CT003:warning']);
    assert.match(
      result.findings[0]?.message ?? '',
      /^Could not verify that the trail is multi-region: IsMultiRegionTrail depends on parameter Region, which has no default\.$/,
    );
  });

  it('applies severity overrides and turns rules off', () => {
    const raised = lintDocument({ file: 't.yaml', text: TRAIL }, { severities: { CT003: 'error' } });
    assert.deepEqual(summary(raised), ['CT003:error']);
    const off = lintDocument({ file: 't.yaml', text: TRAIL }, { severities: { CT003: 'off' } });
    assert.deepEqual(summary(off), []);
  });

  it('points at the key alone when the value spans lines, and at the Type line when the property is missing', () => {
    const text = `Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail:
        Fn::If: [C, false, false]
      S3BucketName: logs
`;
    const result = lintDocument({ file: 't.yaml', text });
    const at = (id: string): string => textAt(text, result.findings.find((f) => f.ruleId === id)!.at);
    assert.equal(at('CT001'), 'IsMultiRegionTrail');
    assert.equal(at('CT003'), 'Type: AWS::CloudTrail::Trail');
  });

  it('names the construct and the CDK property for L2 and L1 constructs', () => {
    const text = JSON.stringify({
      Resources: {
        Trail: {
          Type: 'AWS::CloudTrail::Trail',
          Metadata: { 'aws:cdk:path': 'S/Trail/Resource' },
          Properties: { IsLogging: true, IsMultiRegionTrail: false },
        },
        Raw: {
          Type: 'AWS::CloudTrail::Trail',
          Metadata: { 'aws:cdk:path': 'S/Raw' },
          Properties: { IsLogging: true, EnableLogFileValidation: false },
        },
      },
    });
    const result = lintDocument({ file: 'cdk.out/S.template.json', text });
    const message = (resource: string, id: string): string =>
      result.findings.find((f) => f.resource === resource && f.ruleId === id)?.message ?? '';
    assert.match(
      message('Trail', 'CT001'),
      /CDK output: in the construct `S\/Trail`, set `isMultiRegionTrail: true` on the Trail/,
    );
    assert.match(message('Trail', 'CT003'), /set `enableFileValidation: true` on the Trail/);
    assert.match(
      message('Raw', 'CT003'),
      /in the construct `S\/Raw`, set `enableLogFileValidation: true` on the CfnTrail/,
    );
  });

  it('keeps serving when one rule throws, and reports the failure', () => {
    const broken: Rule = {
      meta: { ...RULES[0]!.meta, id: 'CT999', slug: 'broken' },
      check() {
        throw new Error('boom');
      },
    };
    const result = lintDocument({ file: 't.yaml', text: TRAIL }, {}, undefined, [broken, ...RULES]);
    assert.deepEqual(summary(result), ['CT003:warning']);
    assert.match(result.problems[0]?.message ?? '', /rule CT999 failed on this file \(boom\)/);
  });

  it('reads files with a byte-order mark without moving any offset', () => {
    const yaml = '\uFEFF' + TRAIL;
    assert.equal(
      textAt(yaml, lintDocument({ file: 't.yaml', text: yaml }).findings[0]!.at),
      'EnableLogFileValidation: !Ref Validation',
    );
    const json =
      '\uFEFF{"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {"IsLogging": false}}}}';
    const finding = lintDocument({ file: 't.json', text: json }).findings.find((f) => f.ruleId === 'CT006');
    assert.equal(textAt(json, finding!.at), '"IsLogging": false');
  });

  it('gives one clear problem for a broken template and ignores broken files that are not templates', () => {
    const broken = lintDocument({
      file: 't.yaml',
      text: TRAIL.replace('IsLogging: true', 'IsLogging: [true'),
    });
    assert.equal(broken.findings.length, 0);
    assert.equal(broken.problems.length, 1);
    assert.match(broken.problems[0]?.message ?? '', /^trail-lint could not read this template: /);
    const json = lintDocument({
      file: 't.json',
      text: '{ "Resources": { "B": { "Type": "AWS::S3::Bucket" } ',
    });
    assert.equal(json.problems.length, 1);
    const other = lintDocument({ file: 'k8s.yaml', text: 'kind: Pod\nspec: [AWS::thing\n' });
    assert.deepEqual(other, { format: undefined, findings: [], problems: [] });
  });

  it('skips non-templates without parsing them', () => {
    const result = lintDocument({ file: 'big.json', text: '{"a": [' + '1,'.repeat(100000) + '1]}' });
    assert.equal(result.format, undefined);
  });

  it('names every value a condition leaves open, once asked, and claims nothing about them', () => {
    // The complete setup of perfect.yaml, with production and development told apart by a condition.
    const file = path.join(__dirname, '../../../test/fixtures/scenarios/conditions-disagree.yaml');
    const text = readFileSync(file, 'utf8');
    const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
    const result = lintDocument({ file, text }, { reportUnverified: true });
    assert.ok(result.findings.every((f) => f.unverified && f.severity === 'info'));
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${lineOf(f.at.start)}`),
      [
        'CT001 20',
        'CT003 22',
        'CT004 25',
        'CT005 26',
        'CT009 45',
        'KMS001 55',
        'S3001 129',
        'S3001 131',
        'S3003 135',
        'S3004 142',
        'S3007 142',
        'CW002 242',
      ],
    );
  });
});
