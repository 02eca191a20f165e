// Every fixture template produces exactly the findings it is annotated with (rule id and line, severity
// where given) and nothing else; every rule has good and bad fixtures in YAML, JSON and CDK output.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintDocument } from '../../../server/src/engine/lint';
import { RULES } from '../../../server/src/engine/rules';
import { diffFindings, expectationsFor } from '../../helpers/expectations';
import { FIXTURES, ROOT } from '../../helpers/paths';

const TEMPLATE = /\.(ya?ml|json)$/;

// A missing folder lists nothing here; the coverage tests below then fail on the files they need.
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : TEMPLATE.test(name) ? [full] : [];
    });
}

const fixtureFiles = [...filesUnder(path.join(FIXTURES, 'rules')), ...filesUnder(path.join(FIXTURES, 'cdk'))];

function lintFixture(file: string) {
  const text = readFileSync(file, 'utf8');
  return { text, result: lintDocument({ file: path.relative(ROOT, file), text }) };
}

describe('rule fixtures', () => {
  for (const file of fixtureFiles) {
    const name = path.relative(FIXTURES, file);
    it(`${name} produces exactly its annotated findings`, () => {
      const { text, result } = lintFixture(file);
      assert.deepEqual(result.problems, [], `${name} should parse`);
      assert.notEqual(result.format, undefined, `${name} should be recognised as a template`);
      const diff = diffFindings(result.findings, expectationsFor(file, text), text);
      assert.equal(diff, undefined, `${name}:\n${diff}`);
    });
  }
});

describe('fixture coverage', () => {
  for (const rule of RULES) {
    const id = rule.meta.id;
    for (const ext of ['yaml', 'json']) {
      it(`${id} has a bad.${ext} that triggers it and a good.${ext} that does not`, () => {
        const bad = path.join(FIXTURES, 'rules', id, `bad.${ext}`);
        const good = path.join(FIXTURES, 'rules', id, `good.${ext}`);
        assert.ok(existsSync(bad) && existsSync(good), `missing fixtures for ${id} (${ext})`);
        assert.ok(
          lintFixture(bad).result.findings.some((f) => f.ruleId === id),
          `${id} bad.${ext} does not trigger ${id}`,
        );
        assert.ok(
          !lintFixture(good).result.findings.some((f) => f.ruleId === id),
          `${id} good.${ext} triggers ${id}`,
        );
      });
    }
    it(`${id} is triggered by the CDK bad stack and not by the good one`, () => {
      const cdk = path.join(FIXTURES, 'cdk', 'cdk.out');
      const bad = lintFixture(path.join(cdk, 'TrailBadStack.template.json')).result;
      const good = lintFixture(path.join(cdk, 'TrailGoodStack.template.json')).result;
      assert.equal(bad.format, 'cdk');
      assert.ok(
        bad.findings.some((f) => f.ruleId === id),
        `CDK bad stack does not trigger ${id}`,
      );
      assert.ok(!good.findings.some((f) => f.ruleId === id), `CDK good stack triggers ${id}`);
    });
  }
});
