// Fix-all on CloudFormation JSON, now that each fix is worked out on an excerpt of its resources: fixes of
// one object in one pass, and a generated template whose fixes add resources, append to policies and batch
// statements, give what fixing against the whole text gives.
import { strict as assert } from 'node:assert';
import { fixTemplate } from '../../../server/src/engine/fix/fix-documents';
import { lintDocument } from '../../../server/src/engine/lint';
import { templateObject } from '../../bench/generate';
import { fixAllWholeText } from '../../helpers/fix-all-whole-text';

const TRAIL = `{
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "IsLogging": false,
        "S3BucketName": "org-trail-logs"
      }
    }
  }
}
`;

type Json = Record<string, unknown>;

/**
 * The bench's template with pieces missing, so that fix-all has every kind of JSON fix to make: deny-TLS
 * statements (S3006: an append), CloudTrail's key policy statements (KMS002: a batch), bucket policies
 * (CT010/S3006: a new resource at the end and the trail's DependsOn far above it), trail settings.
 */
function templateWithGaps(count: number): string {
  const template = templateObject(count) as { Resources: Record<string, Json> };
  const resources = template.Resources;
  for (const [id, resource] of Object.entries(resources)) {
    const n = Number(id.replace(/\D+/g, ''));
    const properties = resource['Properties'] as Json;
    const statements = (doc: string): unknown[] => (properties[doc] as { Statement: unknown[] }).Statement;
    if (resource['Type'] === 'AWS::S3::BucketPolicy' && n % 24 === 1) statements('PolicyDocument').pop();
    if (resource['Type'] === 'AWS::KMS::Key' && n % 16 === 3) statements('KeyPolicy').pop();
    if (resource['Type'] !== 'AWS::CloudTrail::Trail') continue;
    if (n % 32 === 8) {
      delete resources[`Bucket${n + 1}Policy`];
      resource['DependsOn'] = [`Logs${n + 4}`];
    }
    if (n % 32 === 16) {
      properties['IsLogging'] = false;
      delete properties['EnableLogFileValidation'];
      delete properties['IsMultiRegionTrail'];
    }
  }
  return JSON.stringify(template, null, 2) + '\n';
}

describe('fix-all on CloudFormation JSON', function () {
  this.timeout(120_000);

  it('applies two fixes of one object in a pass, and the one touching them on the next', () => {
    const fixed = fixTemplate('t.json', TRAIL, {});
    assert.equal(
      fixed.texts.get('t.json'),
      TRAIL.replace('"IsLogging": false', '"IsLogging": true').replace(
        '"S3BucketName": "org-trail-logs"',
        '"S3BucketName": "org-trail-logs",\n        "IsMultiRegionTrail": true,\n        "EnableLogFileValidation": true',
      ),
    );
    // IsMultiRegionTrail goes in after the last property and IsLogging changes in the same pass;
    // EnableLogFileValidation would go in at the same place as IsMultiRegionTrail, so it waits a pass.
    assert.deepEqual(
      fixed.log.map((l) => l.ruleId),
      ['CT001', 'CT006', 'CT003'],
    );
    assert.equal(fixed.passes, 3);
    assert.deepEqual(fixAllWholeText('t.json', TRAIL), fixed);
  });

  it('gives the whole-text result on a generated template with every kind of fix', () => {
    const text = templateWithGaps(160);
    const kinds = new Set(
      lintDocument({ file: 't.json', text }).findings.flatMap((f) =>
        f.fixes.filter((i) => i.safe).map((i) => `${f.ruleId} ${i.kind}`),
      ),
    );
    for (const kind of ['S3006 append', 'KMS002 add-resources', 'CT010 add-resources', 'CT001 set'])
      assert.ok(kinds.has(kind), `${kind} among ${[...kinds].join(', ')}`);
    const fixed = fixTemplate('t.json', text, {});
    const whole = fixAllWholeText('t.json', text);
    assert.equal(fixed.texts.get('t.json'), whole.texts.get('t.json'));
    assert.deepEqual(fixed.log, whole.log);
    assert.ok(fixed.applied > 40, `${fixed.applied} fixes applied`);
  });
});
