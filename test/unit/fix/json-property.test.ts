// A property of the JSON fix writer on generated trails (any property order, indentation unit, one line or
// many, line ends): setting IsMultiRegionTrail and EnableLogFileValidation makes both read true, and the
// text outside what changed for them is byte-identical: removing the new key (or putting back `false`)
// gives the original.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTree, findNodeAtLocation, getNodeValue, type ParseError } from 'jsonc-parser';
import { applyEdits, type FixIntent } from '../../../server/src/engine/fix/intents';
import { jsonFixEdits } from '../../../server/src/engine/fix/json';

const TARGETS = ['IsMultiRegionTrail', 'EnableLogFileValidation'] as const;

const trail = fc
  .record({
    unit: fc.constantFrom('  ', '    ', ' ', '\t'),
    oneLine: fc.boolean(),
    crlf: fc.boolean(),
    multi: fc.option(fc.constant(false)),
    validation: fc.option(fc.constant(false)),
    order: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
  })
  .map(({ unit, oneLine, crlf, multi, validation, order }) => {
    const props: [string, unknown][] = [
      ['S3BucketName', 'trail-logs'],
      ['TrailName', 'org-trail'],
      ['IsLogging', true],
    ];
    if (multi !== null) props.push(['IsMultiRegionTrail', multi]);
    if (validation !== null) props.push(['EnableLogFileValidation', validation]);
    const shuffled = props
      .map((p, i) => ({ p, k: order[i] ?? 0 }))
      .sort((a, b) => a.k - b.k)
      .map(({ p }) => p);
    const template = {
      Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: Object.fromEntries(shuffled) } },
    };
    if (oneLine) return JSON.stringify(template).replace(/,"/g, ', "').replace(/":/g, '": ');
    const text = JSON.stringify(template, null, unit) + '\n';
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

const intent = (key: string): FixIntent => ({
  kind: 'set',
  resource: 'Trail',
  path: ['Properties', key],
  value: true,
  title: 't',
  preferred: true,
  safe: true,
});

describe('JSON fix writer: properties', () => {
  it('sets both keys and leaves every other byte alone', () => {
    fc.assert(
      fc.property(trail, (original) => {
        let text = original;
        for (const key of TARGETS) {
          const edits = jsonFixEdits('t.json', text, intent(key));
          assert.ok(edits && edits.length <= 1, `edits for ${key}`);
          const before = text;
          text = applyEdits(text, edits);
          const errors: ParseError[] = [];
          const root = parseTree(text, errors);
          assert.deepEqual(errors, []);
          assert.equal(
            getNodeValue(findNodeAtLocation(root!, ['Resources', 'Trail', 'Properties', key])!),
            true,
          );
          // Undo: the changed key's value back to false or the inserted member removed gives the text before.
          const undone = before.includes(`"${key}": false`)
            ? text.replace(`"${key}": true`, `"${key}": false`)
            : text.replace(new RegExp(`,\\s*"${key}": true`), '');
          assert.equal(undone, before);
        }
        assert.equal(/\r\n/.test(text), /\r\n/.test(original), 'line ends kept');
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
