// A property of the YAML fix writer on generated trails (any property order, indentation step, comments,
// quoting and line ends): setting IsMultiRegionTrail and EnableLogFileValidation makes both read true, and
// every byte that is not about those two keys stays as it was.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, type FileEdit } from '../../../server/src/engine/fix/intents';
import { yamlFixEdits } from '../../../server/src/engine/fix/yaml';
import { FILE, intent, readBack } from './yaml-helpers';

const TARGETS = ['IsMultiRegionTrail', 'EnableLogFileValidation'] as const;

const quoted = (value: string) =>
  fc.constantFrom(value, `'${value}'`, `"${value}"`).map((text) => ({ text, value }));

/** A property line: its key, how its value is written, and an optional comment line before it. */
const property = (key: string, value: fc.Arbitrary<string>) =>
  fc.record({
    key: fc.constant(key),
    value,
    before: fc.constantFrom('', '# about this one'),
    trailing: fc.constantFrom('', '  # why'),
  });

const trail = fc
  .record({
    step: fc.constantFrom(2, 4),
    crlf: fc.boolean(),
    props: fc.tuple(
      property(
        'S3BucketName',
        quoted('trail-logs').map((q) => q.text),
      ),
      property(
        'TrailName',
        quoted('org-trail').map((q) => q.text),
      ),
      property('IsLogging', fc.constant('true')),
      fc.option(property('IsMultiRegionTrail', fc.constant('false'))),
      fc.option(property('EnableLogFileValidation', fc.constant('false'))),
    ),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
    after: fc.constantFrom('', '# end of properties', 'next'),
  })
  .map(({ step, crlf, props, order, after }) => {
    const present = props.filter((p) => p !== null);
    // Sorting by a random key gives a random order of the properties.
    const shuffled = present
      .map((p, i) => ({ p, k: order[i] ?? 0 }))
      .sort((a, b) => a.k - b.k)
      .map(({ p }) => p);
    const pad = (level: number) => ' '.repeat(step * level);
    const out = [
      'Resources:',
      `${pad(1)}Trail:`,
      `${pad(2)}Type: AWS::CloudTrail::Trail`,
      `${pad(2)}Properties:`,
    ];
    for (const p of shuffled) {
      if (p.before) out.push(`${pad(3)}${p.before}`);
      out.push(`${pad(3)}${p.key}: ${p.value}${p.trailing}`);
    }
    if (after === '# end of properties') out.push(`${pad(3)}${after}`);
    if (after === 'next') out.push(`${pad(1)}Topic:`, `${pad(2)}Type: AWS::SNS::Topic`);
    return out.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
  });

function setTrue(text: string, key: string): { after: string; edits: FileEdit[] } {
  const fix = intent({ kind: 'set', resource: 'Trail', path: ['Properties', key], value: true });
  const edits = yamlFixEdits(FILE, text, fix);
  assert.ok(edits, `no edits for ${key}`);
  for (const e of edits) {
    // Only pure insertions of the key, or the old `false` in its own span.
    const replaced = text.slice(e.start, e.end);
    assert.ok(
      (replaced === '' && e.newText.includes(`${key}: true`)) ||
        (replaced === 'false' && e.newText === 'true'),
      JSON.stringify(e),
    );
  }
  return { after: applyEdits(text, edits), edits };
}

/** The lines not about the target keys. */
function untouched(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => !TARGETS.some((k) => l.includes(k)));
}

describe('YAML fix writer on generated trails', () => {
  it('sets both keys to true and changes nothing else', () => {
    fc.assert(
      fc.property(trail, (text) => {
        const first = setTrue(text, 'IsMultiRegionTrail').after;
        const second = setTrue(first, 'EnableLogFileValidation').after;
        for (const key of TARGETS) assert.equal(readBack(second, 'Trail', ['Properties', key]), true);
        assert.deepEqual(untouched(second), untouched(text));
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(second), 'CRLF stays CRLF');
        // Every target line is at the properties' column.
        const column = (text.split(/\r?\n/).find((l) => l.includes('IsLogging')) ?? '').search(/\S/);
        for (const line of second.split(/\r?\n/).filter((l) => TARGETS.some((k) => l.includes(`${k}:`))))
          assert.equal(line.search(/\S/), column, line);
      }),
      { numRuns: 200, seed: 20260301 },
    );
  });
});
