// The shipped examples are documentation: the secure one stays clean, and every finding of the insecure
// one is the one its comments announce (`# CT001: ...`, `# CT003 and CT004: ...`), on that line.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDocument, type LintResult } from '../../server/src/engine/lint';
import { lintTerraform } from '../../server/src/engine/lint-terraform';
import { loadHclReader } from '../../server/src/node/hcl-reader';
import { moduleFileReader, readModuleFiles } from '../../server/src/node/terraform-module';
import { LineIndex } from '../../server/src/engine/source/line-index';
import { FIXTURES, ROOT } from '../helpers/paths';

const EXAMPLES = path.join(ROOT, 'examples');
const lint = (rel: string) => {
  const text = readFileSync(path.join(EXAMPLES, rel), 'utf8');
  return { text, result: lintDocument({ file: rel, text }) };
};

/** Findings the comments of a file announce (`# CT001: ...`, `# CT003 and CT004: ...`), as "line id". */
function announced(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const comment = /#\s*((?:[A-Z][A-Z0-9]*\d{3}(?:\s*\(\w+\))?(?:,\s*|\s+and\s+)?)+):/.exec(line)?.[1] ?? '';
    return [...comment.matchAll(/([A-Z][A-Z0-9]*\d{3})/g)].map((m) => `${i + 1} ${m[1]}`);
  });
}

async function lintModule(rel: string): Promise<Map<string, LintResult & { text: string }>> {
  const folder = path.join(EXAMPLES, rel);
  const files = readModuleFiles(folder, (absolute) => path.relative(EXAMPLES, absolute));
  const { read } = await loadHclReader();
  const results = lintTerraform({ files, readHcl: read, readFile: moduleFileReader(folder) });
  return new Map(files.map((f) => [f.file, { ...(results.get(f.file) as LintResult), text: f.text }]));
}

describe('examples', () => {
  it('terraform/secure, a module of four files, has no findings', async () => {
    const results = await lintModule('terraform/secure');
    assert.equal(results.size, 4);
    for (const [file, result] of results) {
      assert.equal(result.format, 'terraform', file);
      assert.deepEqual(result.problems, [], file);
      assert.deepEqual(result.findings, [], file);
    }
  });

  it('terraform/insecure has exactly the findings its comments announce', async () => {
    const [result] = [...(await lintModule('terraform/insecure')).values()];
    assert.ok(result);
    assert.deepEqual(result.problems, []);
    const lines = new LineIndex(result.text);
    const actual = result.findings.map((f) => `${lines.position(f.at.start).line + 1} ${f.ruleId}`);
    const expected = announced(result.text);
    assert.ok(expected.length >= 20);
    assert.deepEqual(actual.sort(), expected.sort());
  });

  it('secure-trail.yaml has no findings', () => {
    const { result } = lint('cloudformation/secure-trail.yaml');
    assert.equal(result.format, 'cloudformation');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, []);
  });

  it('insecure-trail.yaml has exactly the findings its comments announce', () => {
    const { text, result } = lint('cloudformation/insecure-trail.yaml');
    const expected = announced(text);
    const lines = new LineIndex(text);
    const actual = result.findings.map((f) => `${lines.position(f.at.start).line + 1} ${f.ruleId}`);
    assert.ok(expected.length >= 7);
    assert.deepEqual(actual.sort(), expected.sort());
  });

  it('insecure-trail.json, its JSON twin, has the same findings', () => {
    const ids = (rel: string): string[] =>
      lint(rel)
        .result.findings.map((f) => `${f.resource} ${f.ruleId} ${f.severity}`)
        .sort();
    assert.deepEqual(ids('cloudformation/insecure-trail.json'), ids('cloudformation/insecure-trail.yaml'));
  });

  it('cdk.out holds the same synthesized templates as the test fixtures', () => {
    const dir = path.join(EXAMPLES, 'cdk', 'cdk.out');
    for (const name of readdirSync(dir)) {
      assert.equal(
        readFileSync(path.join(dir, name), 'utf8'),
        readFileSync(path.join(FIXTURES, 'cdk', 'cdk.out', name), 'utf8'),
        name,
      );
    }
  });
});
