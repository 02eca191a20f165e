// A property of the Terraform fix writer: whatever order, alignment groups and comments a trail's
// attributes are written in, setting two of them leaves a file that reads, says `true` for both, and keeps
// every line it had, in order (only the space before a re-aligned `=` may change).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import type { FixIntent } from '../../../server/src/engine/fix/intents';
import { hclShape } from '../../helpers/hcl-shape';
import { attrOf, blockOf, common, runFix } from '../../helpers/hcl-fix';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const NAMES = [
  'name',
  'is_multi_region_trail',
  'enable_log_file_validation',
  's3_bucket_name',
  'include_global_service_events',
  'kms_key_id',
];

const set = (name: string): FixIntent => ({
  ...common,
  kind: 'set',
  resource: 'aws_cloudtrail.main',
  path: ['Properties', name],
  value: true,
});

/** A line of the trail's body: an attribute (as `false`), a comment, or a blank line between groups. */
const line = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES).map((n) => ({ attr: n })) },
  { weight: 1, arbitrary: fc.constantFrom('# why', '// note', '/* block */').map((c) => ({ comment: c })) },
  { weight: 1, arbitrary: fc.constant({ blank: true as const }) },
);

/** Lines as written: each group of consecutive attributes aligned as `terraform fmt` would. */
function render(lines: ({ attr: string } | { comment: string } | { blank: true })[]): string {
  const seen = new Set<string>();
  const kept = lines.filter((l) => !('attr' in l) || (!seen.has(l.attr) && seen.add(l.attr)));
  const out: string[] = [];
  for (let i = 0; i < kept.length;) {
    const l = kept[i] as (typeof kept)[number];
    if (!('attr' in l)) {
      out.push('blank' in l ? '' : `  ${l.comment}`);
      i++;
      continue;
    }
    let j = i;
    while (j < kept.length && 'attr' in (kept[j] as object)) j++;
    const group = kept.slice(i, j) as { attr: string }[];
    const width = Math.max(...group.map((g) => g.attr.length));
    for (const g of group) out.push(`  ${g.attr.padEnd(width)} = false`);
    i = j;
  }
  return `resource "aws_cloudtrail" "main" {\n${out.map((l) => `${l}\n`).join('')}}\n`;
}

const normal = (l: string): string => l.replace(/\s+=/, ' =');

describe('Terraform fix writer: property', () => {
  it('keeps every line and reads true, however the attributes are written', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), (lines) => {
        const text = render(lines);
        const first = runFix(reader, { 'main.tf': text }, set('IsMultiRegionTrail'));
        assert.ok(first, text);
        const middle = first.files['main.tf'] as string;
        const second = runFix(reader, { 'main.tf': middle }, set('EnableLogFileValidation'));
        assert.ok(second, middle);
        const result = second.files['main.tf'] as string;
        const file = reader.read(result);
        assert.deepEqual(file.problems, []);
        const trail = blockOf(file, 'aws_cloudtrail', 'main');
        assert.equal(hclShape(attrOf(trail, 'is_multi_region_trail').value), true);
        assert.equal(hclShape(attrOf(trail, 'enable_log_file_validation').value), true);
        // Every original line, in order (values set from false to true compare as such).
        const after = result.split('\n').map(normal);
        let at = 0;
        for (const l of text.split('\n')) {
          const want = normal(l).replace(
            /^(\s*(is_multi_region_trail|enable_log_file_validation) =) false$/,
            '$1 true',
          );
          while (at < after.length && after[at] !== want) at++;
          assert.ok(at < after.length, `line ${JSON.stringify(l)} kept in\n${result}`);
          at++;
        }
      }),
      { seed: 20240611, numRuns: 100 },
    );
  });
});
