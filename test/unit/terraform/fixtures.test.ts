// Terraform rule fixtures and the findings they are annotated with, the twins of test/unit/rules/fixtures.test.ts.
//  - test/fixtures/terraform/rules/<ID>/<case>/: each case folder is ONE module, linted as Terraform reads
//    it: all its `.tf` and `.tf.json` files together (sorted by name), `file()` reading inside the folder.
//    Or the folder holds one `*.plan.json` (a `terraform show -json` plan), linted alone.
//  - Each file is compared with its own annotations: `# expect: CT001, CT002(error)` comments in `.tf`
//    files, a `<file>.expect` sidecar (`LINE CT001 CT002(error)`) for `.tf.json` files and plans, and for a
//    `.tf` file whose findings land where no comment may go (a `policy = <<EOT` line: nothing may follow a
//    heredoc's opening marker). A sidecar replaces the file's comments.
//  - Judged RuleTester-style, as the CloudFormation rule fixtures are: the findings of rule <ID>, and of
//    every rule id the module's annotations mention, must equal the annotations exactly; other rules'
//    findings are ignored, so a fixture for one rule need not be clean for the whole catalog.
// Every rule that judges Terraform has good and bad HCL modules (the bad one triggers it, the good one does
// not), good and bad `.tf.json` modules, and a plan.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LintResult } from '../../../server/src/engine/lint';
import { lintTerraform } from '../../../server/src/engine/lint-terraform';
import { RULES } from '../../../server/src/engine/rules';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { isModuleFile, moduleFileReader } from '../../../server/src/node/terraform-module';
import { diffFindings, expectationsFor } from '../../helpers/expectations';
import { FIXTURES, ROOT } from '../../helpers/paths';

const RULE_FIXTURES = path.join(FIXTURES, 'terraform', 'rules');
const PLAN = /\.plan\.json$/i;

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function subfolders(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .sort()
    .filter((name) => isDir(path.join(dir, name)));
}

/** Every case folder: rules/<ID>/<case>/. */
const cases: { id: string; name: string; dir: string }[] = subfolders(RULE_FIXTURES).flatMap((id) =>
  subfolders(path.join(RULE_FIXTURES, id)).map((name) => ({
    id,
    name,
    dir: path.join(RULE_FIXTURES, id, name),
  })),
);

/** The module files of a case folder (`.tf`, `.tf.json`), sorted as Terraform reads them. */
function moduleFiles(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((name) => isModuleFile(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function planFiles(dir: string): string[] {
  if (!isDir(dir)) return [];
  return readdirSync(dir)
    .filter((name) => PLAN.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

interface LintedFile {
  /** Absolute path, where annotations and sidecars are looked up. */
  path: string;
  text: string;
  result: LintResult | undefined;
}

/** Lints a case folder as one module (or its plan alone); the files are named relative to the repository. */
function lintCase(dir: string): LintedFile[] {
  const plans = planFiles(dir);
  const paths = plans.length > 0 ? plans : moduleFiles(dir);
  const docs = paths.map((p) => ({ path: p, file: path.relative(ROOT, p), text: readFileSync(p, 'utf8') }));
  const results = lintTerraform({
    files: docs.map(({ file, text }) => ({ file, text })),
    readHcl: (text) => reader.read(text),
    readFile: moduleFileReader(dir),
  });
  return docs.map((d) => ({ path: d.path, text: d.text, result: results.get(d.file) }));
}

function checkCase(id: string, dir: string): void {
  const name = path.relative(RULE_FIXTURES, dir);
  const plans = planFiles(dir);
  if (plans.length > 0) {
    assert.equal(plans.length, 1, `${name} holds more than one plan`);
    assert.deepEqual(moduleFiles(dir), [], `${name} holds a plan and module files: one or the other`);
  } else {
    assert.ok(moduleFiles(dir).length > 0, `${name} holds no .tf, .tf.json or .plan.json file`);
  }
  const linted = lintCase(dir);
  const expected = new Map(linted.map((f) => [f.path, expectationsFor(f.path, f.text)]));
  // The rules judged: the folder's own, and every rule an annotation of any file of the module mentions.
  const ids = new Set([id, ...[...expected.values()].flat().map((e) => e.ruleId)]);
  const failures: string[] = [];
  for (const f of linted) {
    const file = path.relative(RULE_FIXTURES, f.path);
    assert.ok(f.result, `${file} was not linted as Terraform`);
    assert.equal(f.result.format, 'terraform', `${file} should be read as Terraform`);
    assert.deepEqual(f.result.problems, [], `${file} should parse`);
    const findings = f.result.findings.filter((x) => ids.has(x.ruleId));
    const diff = diffFindings(findings, expected.get(f.path) ?? [], f.text);
    if (diff !== undefined) failures.push(`${file}:\n${diff}`);
  }
  if (failures.length > 0) assert.fail(failures.join('\n'));
}

/** All findings of one rule over a case folder. */
function findingsOf(id: string, dir: string): number {
  return lintCase(dir).reduce(
    (n, f) => n + (f.result?.findings.filter((x) => x.ruleId === id).length ?? 0),
    0,
  );
}

describe('Terraform rule fixtures', () => {
  for (const c of cases) {
    it(`terraform/rules/${c.id}/${c.name} produces exactly its annotated findings of ${c.id} and the rules it annotates`, () =>
      checkCase(c.id, c.dir));
  }
});

describe('Terraform fixture coverage', () => {
  it('every rule folder names a rule of the catalog', () => {
    const known = new Set(RULES.map((r) => r.meta.id));
    for (const id of subfolders(RULE_FIXTURES)) assert.ok(known.has(id), `fixtures for unknown rule ${id}`);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    if (!rule.meta.formats.includes('terraform')) continue;
    const folder = (c: string): string => path.join(RULE_FIXTURES, id, c);

    it(`${id} has HCL modules: bad/ triggers it, good/ does not`, () => {
      for (const c of ['bad', 'good']) {
        assert.ok(
          moduleFiles(folder(c)).some((f) => f.endsWith('.tf')),
          `missing HCL fixture for ${id}: ${c}/ with at least one .tf file`,
        );
      }
      assert.ok(findingsOf(id, folder('bad')) > 0, `${id} bad/ does not trigger ${id}`);
      assert.equal(findingsOf(id, folder('good')), 0, `${id} good/ triggers ${id}`);
    });

    it(`${id} has Terraform JSON modules (good-json/, bad-json/, each with a .tf.json file)`, () => {
      for (const c of ['good-json', 'bad-json']) {
        assert.ok(
          moduleFiles(folder(c)).some((f) => /\.tf\.json$/i.test(f)),
          `missing Terraform JSON fixture for ${id}: ${c}/ with at least one .tf.json file`,
        );
      }
    });

    it(`${id} has a plan fixture (plan/ with one .plan.json)`, () => {
      assert.equal(
        planFiles(folder('plan')).length,
        1,
        `missing plan fixture for ${id}: plan/ with one .plan.json file`,
      );
    });
  }
});
