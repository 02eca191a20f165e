// The shipped examples are documentation: the secure one stays clean, and every finding of the insecure
// one is the one its comments announce (`# CT001: ...`, `# CT003 and CT004: ...`), on that line.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDocument } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/source/line-index';
import { FIXTURES, ROOT } from '../helpers/paths';

const EXAMPLES = path.join(ROOT, 'examples');
const lint = (rel: string) => {
  const text = readFileSync(path.join(EXAMPLES, rel), 'utf8');
  return { text, result: lintDocument({ file: rel, text }) };
};

describe('examples', () => {
  it('secure-trail.yaml has no findings', () => {
    const { result } = lint('cloudformation/secure-trail.yaml');
    assert.equal(result.format, 'cloudformation');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, []);
  });

  it('insecure-trail.yaml has exactly the findings its comments announce', () => {
    const { text, result } = lint('cloudformation/insecure-trail.yaml');
    const expected = text.split('\n').flatMap((line, i) => {
      const comment =
        /#\s*((?:[A-Z][A-Z0-9]*\d{3}(?:\s*\(\w+\))?(?:,\s*|\s+and\s+)?)+):/.exec(line)?.[1] ?? '';
      return [...comment.matchAll(/([A-Z][A-Z0-9]*\d{3})/g)].map((m) => `${i + 1} ${m[1]}`);
    });
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
