// Fix-all on a large template: a generated ~1 MB YAML template (2,000 resources, about 1,100 safe fixes) and
// its 1.6 MB JSON twin are fixed in a few passes and lint clean afterwards for every rule with a safe fix.
// Each used to run for minutes (each fix parsed the whole file again); how long they take now is the
// bench's business (BENCH_ONLY=fix-all, BENCH_ONLY=lsp-load), not an assertion here.
import { strict as assert } from 'node:assert';
import { parseTree, type ParseError } from 'jsonc-parser';
import { fixTemplate } from '../../../server/src/engine/fix/fix-documents';
import { lintDocument } from '../../../server/src/engine/lint';
import { fixableTemplateJson, fixableTemplateYaml, SAFE_FIXABLE_RULES } from '../../bench/generate';

function fixesEverything(file: string, text: string): string {
  const safe = (t: string) =>
    lintDocument({ file, text: t }).findings.filter((f) => SAFE_FIXABLE_RULES.includes(f.ruleId));
  const before = safe(text).length;
  assert.ok(before > 1000, `${before} safe-fixable findings before`);

  const fixed = fixTemplate(file, text, {});
  const after = fixed.texts.get(file) ?? '';
  assert.equal(fixed.applied, before, 'one fix per finding');
  assert.deepEqual(
    safe(after).map((f) => `${f.ruleId} ${f.resource}`),
    [],
    'safe-fixable findings left',
  );
  // All fixes of one kind land together: a pass to fix, one to find nothing left.
  assert.ok(fixed.passes <= 3, `${fixed.passes} passes`);
  assert.equal(lintDocument({ file, text: after }).problems.length, 0);
  return after;
}

describe('fix-all on a 1 MB template', function () {
  // A handful of 1 MB lints on a shared 2-core machine.
  this.timeout(300_000);

  it('applies every safe fix and leaves nothing safe to fix (YAML)', () => {
    const text = fixableTemplateYaml(2000);
    assert.ok(text.length > 900_000, `${text.length} characters`);
    fixesEverything('big.yaml', text);
  });

  it('applies every safe fix and leaves nothing safe to fix (JSON), keeping every resource', () => {
    const text = fixableTemplateJson(2000);
    assert.ok(text.length > 1_500_000, `${text.length} characters`);
    const after = fixesEverything('big.json', text);
    const errors: ParseError[] = [];
    parseTree(after, errors);
    assert.deepEqual(errors, []);
    const types = (t: string) =>
      Object.entries((JSON.parse(t) as { Resources: Record<string, { Type: string }> }).Resources).map(
        ([id, r]) => `${id} ${r.Type}`,
      );
    assert.deepEqual(types(after), types(text));
  });
});
