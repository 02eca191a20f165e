// Fixture templates and the findings they are annotated with (rule id and line, severity where given).
//  - test/fixtures/rules/<ID>/: judged RuleTester-style. The findings of rule <ID>, and of every rule id the
//    file's annotations mention, must equal the annotations exactly; other rules' findings are ignored, so a
//    fixture for one rule need not be clean for the whole catalog.
//  - test/fixtures/scenarios/ and test/fixtures/cdk/: judged on every rule; each finding must be annotated.
// Every rule has good and bad fixtures in YAML and JSON, and every CDK-expressible rule is triggered by the
// CDK bad stack (unless exempted below, with a reason) and not by the good one.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { lintDocument } from '../../../server/src/engine/lint';
import { RULES } from '../../../server/src/engine/rules';
import { diffFindings, expectationsFor } from '../../helpers/expectations';
import { FIXTURES, ROOT } from '../../helpers/paths';

const TEMPLATE = /\.(ya?ml|json)$/;

/**
 * Rules the CDK bad stack cannot express, with the reason: rule id → why no construct of the CDK app
 * (scripts/cdk-fixtures/app.mjs) can produce a template that triggers it. The good stack must still not
 * trigger them.
 */
const CDK_BAD_STACK_EXEMPT: Readonly<Record<string, string>> = {};

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

const ruleFixtures = filesUnder(path.join(FIXTURES, 'rules'));
const wholeCatalogFixtures = [
  ...filesUnder(path.join(FIXTURES, 'scenarios')),
  ...filesUnder(path.join(FIXTURES, 'cdk')),
];

function lintFixture(file: string) {
  const text = readFileSync(file, 'utf8');
  return { text, result: lintDocument({ file: path.relative(ROOT, file), text }) };
}

/** The rule a fixture under rules/<ID>/ is about. */
function fixtureRule(file: string): string {
  const [, id] = path.relative(path.join(FIXTURES), file).split(path.sep);
  return id as string;
}

function checkFixture(file: string, judged: 'own-rule' | 'all-rules'): void {
  const name = path.relative(FIXTURES, file);
  const { text, result } = lintFixture(file);
  assert.deepEqual(result.problems, [], `${name} should parse`);
  assert.notEqual(result.format, undefined, `${name} should be recognised as a template`);
  const expected = expectationsFor(file, text);
  let findings = result.findings;
  if (judged === 'own-rule') {
    const ids = new Set([fixtureRule(file), ...expected.map((e) => e.ruleId)]);
    findings = findings.filter((f) => ids.has(f.ruleId));
  }
  const diff = diffFindings(findings, expected, text);
  assert.equal(diff, undefined, `${name}:\n${diff}`);
}

describe('rule fixtures', () => {
  for (const file of ruleFixtures) {
    const name = path.relative(FIXTURES, file);
    it(`${name} produces exactly its annotated findings of ${fixtureRule(file)} and the rules it annotates`, () =>
      checkFixture(file, 'own-rule'));
  }
});

describe('scenario and CDK fixtures', () => {
  for (const file of wholeCatalogFixtures) {
    const name = path.relative(FIXTURES, file);
    it(`${name} produces exactly its annotated findings, of every rule`, () =>
      checkFixture(file, 'all-rules'));
  }
});

describe('fixture coverage', () => {
  it('the CDK exemptions name CDK-expressible rules and give a reason', () => {
    for (const [id, reason] of Object.entries(CDK_BAD_STACK_EXEMPT)) {
      const rule = RULES.find((r) => r.meta.id === id);
      assert.ok(rule, `CDK exemption for unknown rule ${id}`);
      assert.ok(
        rule.meta.formats.includes('cdk'),
        `CDK exemption for ${id}, which does not judge CDK output`,
      );
      assert.ok(reason.trim().length > 0, `CDK exemption for ${id} needs a reason`);
    }
  });

  // Live-only rules (LIVE001–LIVE003) judge the account: test/unit/live covers them.
  for (const rule of RULES.filter((r) => r.meta.formats.includes('cloudformation'))) {
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
    if (!rule.meta.formats.includes('cdk')) continue;
    const exempt = CDK_BAD_STACK_EXEMPT[id];
    const title = exempt
      ? `${id} is not triggered by the CDK good stack (bad stack exempt: ${exempt})`
      : `${id} is triggered by the CDK bad stack and not by the good one`;
    it(title, () => {
      const cdk = path.join(FIXTURES, 'cdk', 'cdk.out');
      const bad = lintFixture(path.join(cdk, 'TrailBadStack.template.json')).result;
      const good = lintFixture(path.join(cdk, 'TrailGoodStack.template.json')).result;
      assert.equal(bad.format, 'cdk');
      assert.equal(good.format, 'cdk');
      const badTriggers = bad.findings.some((f) => f.ruleId === id);
      if (exempt) {
        assert.ok(!badTriggers, `CDK bad stack now triggers ${id}: drop its exemption (${exempt})`);
      } else {
        assert.ok(badTriggers, `CDK bad stack does not trigger ${id}`);
      }
      assert.ok(!good.findings.some((f) => f.ruleId === id), `CDK good stack triggers ${id}`);
    });
  }
});
