// Hostile inputs straight into the engine: each yields at most one clear problem, within bounded time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lintDocument, type LintResult } from '../../../server/src/engine/lint';
import { lintTerraform } from '../../../server/src/engine/lint-terraform';
import { LineIndex } from '../../../server/src/engine/source/line-index';
import { loadHclReader } from '../../../server/src/node/hcl-reader';
import { FIXTURES } from '../../helpers/paths';

const DEEP = 10_000;
const HEADER =
  'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n';

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function oneProblem(result: LintResult, pattern: RegExp): void {
  assert.equal(result.findings.length, 0);
  assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
  assert.match(result.problems[0]?.message ?? '', pattern);
}

async function lintTf(file: string, text: string): Promise<LintResult> {
  const reader = await loadHclReader();
  const result = lintTerraform({ files: [{ file, text }], readHcl: reader.read }).get(file);
  assert.ok(result);
  return result;
}

describe('hostile inputs, engine', () => {
  it('refuses a YAML alias bomb (billion laughs) by the alias expansion limit', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const text = `AWSTemplateFormatVersion: "2010-09-09"\n${lines.join('\n')}\nResources: {}\n`;
    const { result, ms } = timed(() => lintDocument({ file: 'bomb.yaml', text }));
    oneProblem(result, /expands to more than 2000000 nodes/);
    assert.ok(ms < 5000, `${ms} ms`);
    // The limit is configurable: a lower one refuses a smaller expansion.
    const small = lintDocument(
      { file: 'b.yaml', text },
      { limits: { maxExpandedNodes: 1000, maxDepth: 500 } },
    );
    oneProblem(small, /expands to more than 1000 nodes/);
  });

  for (const [name, text] of [
    ['YAML flow', `${HEADER}    Properties:\n      Tags: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`],
    ['YAML block', `${HEADER}    Properties:\n      Tags:\n        ${'- '.repeat(DEEP)}x\n`],
    [
      'JSON',
      `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {"T": ${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}\n}\n`,
    ],
  ] as const) {
    it(`refuses ${DEEP.toLocaleString('en')}-deep nesting in ${name} by the depth limit, without a stack overflow`, () => {
      const { result, ms } = timed(() =>
        lintDocument({ file: name.startsWith('JSON') ? 't.json' : 't.yaml', text }),
      );
      oneProblem(result, /nests deeper than 500 levels/);
      assert.ok(ms < 1000, `${ms} ms`);
    });
  }

  it(`reads ${DEEP.toLocaleString('en')}-deep nesting in HCL (blocks and expressions) in bounded time`, async () => {
    const blocks = `resource "aws_cloudtrail" "t" {\n${'b {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}}\n`;
    const expr = `resource "aws_cloudtrail" "t" {\n  tags = ${'{a = '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n}\n`;
    for (const text of [blocks, expr]) {
      await lintTf('main.tf', text); // the grammar loads once
      const start = performance.now();
      const result = await lintTf('main.tf', text);
      assert.ok(performance.now() - start < 5000);
      assert.ok(result.problems.length <= 1);
    }
  });

  it('reads a file of random bytes as at most one problem', async () => {
    // A fixed linear congruential sequence: the same bytes on every run.
    let state = 12345;
    const bytes = Buffer.from(
      Array.from({ length: 64 * 1024 }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24),
    );
    const text = `AWSTemplateFormatVersion: x\n${bytes.toString('utf8')}`;
    for (const file of ['r.yaml', 'r.json']) {
      const { result, ms } = timed(() => lintDocument({ file, text }));
      assert.ok(result.problems.length <= 1 && ms < 1000);
    }
    const tf = await lintTf('r.tf', bytes.toString('utf8'));
    assert.ok(tf.problems.length <= 10); // Terraform names the first few unreadable spots, never more
  });

  it('places findings of a CRLF file on the same line and column as in the LF file', async () => {
    const lf = readFileSync(path.join(FIXTURES, 'rules', 'CT001', 'bad.yaml'), 'utf8').replace(/\r\n/g, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const positions = (text: string, r: LintResult) => {
      const lines = new LineIndex(text);
      return r.findings.map((f) => [f.ruleId, lines.position(f.at.start), lines.position(f.at.end)]);
    };
    const a = positions(lf, lintDocument({ file: 't.yaml', text: lf }));
    assert.ok(a.length > 0);
    assert.deepEqual(positions(crlf, lintDocument({ file: 't.yaml', text: crlf })), a);
    // The known finding: `IsMultiRegionTrail: false  # expect: CT001` on line 22 (1-based), at the key.
    assert.ok(a.some(([id, start]) => id === 'CT001' && (start as { line: number }).line === 21));
    const tfLf = readFileSync(path.join(FIXTURES, 'terraform', 'rules', 'CT001', 'bad', 'main.tf'), 'utf8');
    const tfCrlf = tfLf.replace(/\n/g, '\r\n');
    const b = positions(tfLf, await lintTf('main.tf', tfLf));
    assert.ok(b.length > 0);
    assert.deepEqual(positions(tfCrlf, await lintTf('main.tf', tfCrlf)), b);
  });

  it('lints a template with 5,000 resources in bounded time', () => {
    const resources = Array.from(
      { length: 5000 },
      (_, i) => `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs-${i}\n`,
    ).join('');
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: !Ref Bucket1\n      IsLogging: true\n`;
    const { result, ms } = timed(() => lintDocument({ file: 'big.yaml', text }));
    assert.equal(result.problems.length, 0);
    assert.ok(result.findings.length > 0);
    console.log(`      5,000 resources (${(text.length / 1024).toFixed(0)} KB): ${ms.toFixed(0)} ms`);
    assert.ok(ms < 20_000, `${ms} ms`);
  });
});
